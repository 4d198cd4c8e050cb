"""Entry points: the command line, the console, the WSGI web process, the clock. They wire the layers
below and do nothing else."""
