"""One module per notebook topic: its queries, its figure functions and its explorer.

========================  =======================================================
module                    notebook
========================  =======================================================
``years``                 00 Start here (milestones per year)
``taxonomy``              01 What is cybercrime? (typologies, crosswalk)
``sdgs``                  02 Cybercrime and the SDGs (links, target 10.8)
``timeline``              03 The road to a treaty (milestones, sessions)
``landscape``             04 The treaty landscape (instruments, parties)
``signatures``            04 The treaty landscape (who signed, the offline world map)
``voices``                05 Voices and the rights debate (quotes, concerns)
``factcheck``             06 Fact-check the article (claims, confidence census)
========================  =======================================================

Figure functions are pure: frames in, a ``plotly.graph_objects.Figure`` out. Each explorer is
an :class:`helpers.explorer.Explorer` around a pure ``*_view`` function.
"""
