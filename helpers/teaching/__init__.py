"""Teaching: the notebook catalogue, exercises and their checks, quizzes, the workshop plan
and the environment self-check."""
