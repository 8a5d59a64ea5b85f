"""gunicorn settings read from the project directory (gunicorn loads ./gunicorn.conf.py).

Only what the command line cannot say; workers, bind and timeouts stay on the
command line (docs/deploy.md).
"""

import gc


def post_worker_init(worker):
    # Django, the URLconf and the models are loaded by now and live as long as the
    # worker: moved out of the collector's generations, a full collection no
    # longer walks them, which took tens of milliseconds off the slowest requests
    # of large pages (the tally, admin lists) in `make bench`.
    gc.freeze()
