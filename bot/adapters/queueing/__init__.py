"""The core's JobQueue, two ways: RQ on the same Redis (`rq_jobs.RQJobs`, taken by `rq_consumer.JobConsumer`
in the worker process, or in the web process while no worker is alive), and a thread pool in this process
(`inline_jobs.InlineJobs`: Socket Mode, and the web process while Redis is down).

Nothing here is imported by package import: gevent must patch each web worker before redis is imported.
"""
