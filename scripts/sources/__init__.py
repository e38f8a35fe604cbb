"""Reading and checking the sources: the loader (`load`) and the readers of each kind of source it calls.

Nothing here imports a generator or the build: the model is made here and read everywhere else.
"""
