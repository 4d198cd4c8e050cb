"""Durable jobs through the Procfile's processes: a "Thinking…" placeholder always ends — in the answer, even
when the process running its job is killed (kill -9 of the whole process group), or after every attempt in a
short apology; a worker told to stop finishes its job first; Socket Mode runs the same jobs in its process.
Heartbeats are one second here, so a dead process's job is found and retried within a few seconds.
"""

from __future__ import annotations

import json
import signal
import time
from typing import Any

from bot.adapters.storage import RedisStorage
from bot.core import Asker, Settings, conversation_id, wording
from bot.entrypoints.job_queue import process_jobs
from bot.entrypoints.wiring import build_application
from handlers.replies import conversation_job
from tests.servers import Completion, FakeOpenAI, FakeSlack, RedisServer, Reply
from tests.slack_signing import SlackSender, callback
from tests.web_process import ProcfileProcess, run_web, run_worker

SECRET = "jobs-signing-secret"
QUESTION = "How did Pakistan respond to the American request?"
CITED = json.dumps(
    {
        "answer": "Pakistan listened to the US view, then politely declined.",
        "grounded": True,
        "claims": [{"passage": "P1", "quote": "Pakistan politely said ‘no’"}],
    }
)
SLOW = Completion(CITED, delay=4)  # an attempt still waiting for the model when its process is killed


def env_for(
    redis_server: RedisServer, slack: FakeSlack, llm: FakeOpenAI, queue: str, **extra: str
) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.url,
        "REDIS_URL": redis_server.url,
        "OPENAI_BASE_URL": llm.base_url,
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_TIMEOUT": "6",
        "OPENAI_MAX_RETRIES": "0",
        "JOB_QUEUE": queue,
        "JOB_HEARTBEAT_SECONDS": "1",
        "WEB_CONCURRENCY": "1",
        **extra,
    }


def mention(channel: str, event_id: str) -> dict[str, Any]:
    event = {"type": "app_mention", "user": "U1", "channel": channel, "ts": "1700003000.000100",
             "text": f"<@UBOT> {QUESTION}"}  # fmt: skip
    return callback(event, event_id)


def took_the_job(process: ProcfileProcess) -> bool:
    return "jobs.taken" in process.log()


def test_web_process_killed_after_the_placeholder_its_restart_posts_the_answer_there(
    redis_server: RedisServer, fake_slack: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> None:
    env = env_for(redis_server, fake_slack, fake_llm, "jobs-web-killed")
    fake_llm.script(SLOW, Completion(CITED))
    with run_web(env) as web:  # no worker process: the web process runs the job itself
        SlackSender(web.port, SECRET).event(mention("CJ1", "EvJobs1"))
        [placeholder] = fake_slack.wait_for("chat.postMessage")
        assert placeholder.args["text"] == wording.THINKING
        fake_llm.wait_for(1)
        assert took_the_job(web)
        web.kill()
    assert not fake_slack.calls("chat.update")
    with run_web(env) as restarted:  # the platform restarts it: the abandoned job is found and retried
        [update] = fake_slack.wait_for("chat.update", timeout=15)
        time.sleep(0.2)
        log = restarted.log()
    assert log.count("jobs.taken") == 1 and "Traceback" not in log, log  # the log says why, if ever not
    assert placeholder.reply is not None and update.args["ts"] == placeholder.reply["ts"]
    assert update.args["text"].startswith("Pakistan listened to the US view")
    assert len(fake_slack.calls("chat.postMessage")) == 1  # the retry updated the placeholder it found
    assert len(fake_llm.requests) == 2


def test_worker_killed_mid_job_the_answer_arrives_once(
    redis_server: RedisServer, fake_slack: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> None:
    env = env_for(redis_server, fake_slack, fake_llm, "jobs-worker-killed")
    fake_llm.script(SLOW, Completion(CITED))
    with run_worker(env, wait=False) as worker, run_web(env) as web:  # both starting at once
        web.wait_for_log("jobs.standby role=standby takes_jobs=False")  # it has seen the worker
        SlackSender(web.port, SECRET).event(mention("CJ2", "EvJobs2"))
        [placeholder] = fake_slack.wait_for("chat.postMessage")
        fake_llm.wait_for(1)
        assert took_the_job(worker) and not took_the_job(web)  # with a worker alive, the web only stands by
        worker.kill()
        # The web process sees no worker alive, stands in, and retries the job whose heartbeat stopped.
        [update] = fake_slack.wait_for("chat.update", timeout=15)
        assert took_the_job(web)
        time.sleep(1)  # more beats: nothing is posted or updated twice
        log = web.log()
    assert log.count("jobs.taken") == 1 and "Traceback" not in log, log  # one attempt: it finished cleanly
    assert placeholder.reply is not None and update.args["ts"] == placeholder.reply["ts"]
    assert update.args["text"].startswith("Pakistan listened to the US view")
    assert len(fake_slack.calls("chat.update")) == 1
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_a_job_that_fails_every_attempt_ends_its_placeholder_in_a_short_apology(
    redis_server: RedisServer, fake_slack: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> None:
    env = env_for(redis_server, fake_slack, fake_llm, "jobs-given-up", JOB_ATTEMPTS="2")
    refused = Reply(200, {"ok": False, "error": "internal_error"})
    fake_slack.script("chat.update", refused, refused)  # the answer, on each of two attempts
    with run_web(env) as web:
        SlackSender(web.port, SECRET).event(mention("CJ3", "EvJobs3"))
        updates = fake_slack.wait_for("chat.update", count=3, timeout=10)
        time.sleep(0.2)
        log = web.log()
    [placeholder] = fake_slack.calls("chat.postMessage")
    assert placeholder.reply is not None
    assert [u.args["ts"] for u in updates] == [placeholder.reply["ts"]] * 3
    assert updates[-1].args["text"] == wording.JOB_FAILED
    assert "jobs.given_up kind=conversation" in log and QUESTION not in log


def test_a_worker_told_to_stop_finishes_its_job_first(
    redis_server: RedisServer, fake_slack: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> None:
    env = env_for(redis_server, fake_slack, fake_llm, "jobs-worker-stopped")
    fake_llm.script(Completion(CITED, delay=2))
    with run_worker(env, wait=False) as worker, run_web(env) as web:
        web.wait_for_log("jobs.standby role=standby takes_jobs=False")
        SlackSender(web.port, SECRET).event(mention("CJ4", "EvJobs4"))
        fake_slack.wait_for("chat.postMessage")
        fake_llm.wait_for(1)
        worker.proc.send_signal(signal.SIGTERM)  # a deploy: the worker takes no new job, ends this one
        assert worker.proc.wait(timeout=10) == 0
        [update] = fake_slack.calls("chat.update")
        assert update.args["text"].startswith("Pakistan listened to the US view")
        assert not took_the_job(web)
    assert len(fake_llm.requests) == 1


def test_socket_mode_runs_the_same_jobs_in_its_process_and_apologises_after_the_last_attempt(
    redis_server: RedisServer, fake_slack: FakeSlack, fake_llm: FakeOpenAI, storage: RedisStorage
) -> None:
    settings = Settings(
        _env_file=None, slack_bot_token="xoxb-test", slack_api_url=fake_slack.url, redis_url=redis_server.url,
        openai_base_url=fake_llm.base_url, openai_api_key="sk-test", openai_max_retries=0, job_attempts=2,
    )  # type: ignore[call-arg]  # fmt: skip
    jobs = process_jobs(settings, build_application(settings, storage), storage, process="socket")
    assert jobs.consumer is None  # no queue, no consumer: a thread pool in this process
    refused = Reply(200, {"ok": False, "error": "internal_error"})
    fake_slack.script("chat.update", refused, refused)
    asker = Asker("T1", "U1", "CJ5")
    jobs.queue.submit(conversation_job(asker, delivery="EvJobs5", text=QUESTION, thread_ts=None,
                                       conversation=conversation_id("CJ5", "1700003000.000100")))  # fmt: skip
    updates = fake_slack.wait_for("chat.update", count=3, timeout=10)
    [placeholder] = fake_slack.calls("chat.postMessage")
    assert placeholder.reply is not None
    assert [u.args["ts"] for u in updates] == [placeholder.reply["ts"]] * 3
    assert updates[-1].args["text"] == wording.JOB_FAILED
