"""A throw-away S3 endpoint for the tests: moto's server (``moto[server]``, a test dependency) on 127.0.0.1, on
a free port, checking credentials like AWS does.

moto checks signatures and IAM policies once its first few requests are spent (``INITIAL_NO_AUTH_ACTION_COUNT``):
those make the users the tests sign as, one that may do everything and one that may only read, so that
wrong credentials and a bucket that cannot be written are refused as a real endpoint refuses them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore.exceptions

from tests.postgres import _free_port

#: requests moto serves before it checks credentials: the set-up's, in ``MotoServer._make_users``
_SETUP_REQUESTS = 6
_REGION = "us-east-1"


@dataclass(frozen=True)
class Credentials:
    access_key: str
    secret_key: str


class MotoServer:
    """``start()`` starts the server and makes its users; ``env(bucket)`` is the AWS environment of a run
    that signs as the writer; ``bucket()`` makes a new bucket; ``stop()`` ends the server."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        # The server logs every request: to a file, since a pipe nobody reads would fill and stall it.
        self.log = tempfile.NamedTemporaryFile(prefix="archiver-moto-", suffix=".log")
        self.writer = self.reader = Credentials("", "")

    def start(self) -> "MotoServer":
        environment = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": str(_SETUP_REQUESTS)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=self.log, env=environment,
        )
        try:
            self._wait()
            self._make_users()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                error = Path(self.log.name).read_text(errors="replace").strip()
                raise RuntimeError(f"moto's server exited ({self.process.returncode}): {error}")
            try:
                # moto's own health route: it does not count among the requests served without credentials.
                urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"moto's server did not answer on {self.endpoint} within 60 s")

    def _make_users(self) -> None:
        iam = boto3.client("iam", endpoint_url=self.endpoint, region_name=_REGION,
                           aws_access_key_id="setup", aws_secret_access_key="setup")
        self.writer = self._user(iam, "writer", denied=[])
        self.reader = self._user(iam, "reader", denied=["s3:PutObject", "s3:DeleteObject"])
        self._until_credentials_are_checked()

    def _until_credentials_are_checked(self) -> None:
        """Spend what is left of the requests moto serves without checking credentials (how many the set-up
        used depends on moto's counting and on retries): a test's first request is then checked as any."""
        s3 = boto3.client("s3", endpoint_url=self.endpoint, region_name=_REGION,
                          aws_access_key_id="nobody", aws_secret_access_key="nobody")
        for _ in range(50):
            try:
                s3.list_buckets()
            except botocore.exceptions.ClientError:
                return  # refused: credentials are checked from now on
        raise RuntimeError(f"moto's server at {self.endpoint} never began to check credentials")

    @staticmethod
    def _user(iam: object, name: str, denied: list[str]) -> Credentials:
        statements = [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]
        if denied:
            statements.append({"Effect": "Deny", "Action": denied, "Resource": "*"})
        policy = {"Version": "2012-10-17", "Statement": statements}
        iam.create_user(UserName=name)  # type: ignore[attr-defined]
        iam.put_user_policy(UserName=name, PolicyName="s3", PolicyDocument=json.dumps(policy))  # type: ignore[attr-defined]
        key = iam.create_access_key(UserName=name)["AccessKey"]  # type: ignore[attr-defined]
        return Credentials(key["AccessKeyId"], key["SecretAccessKey"])

    def env(self, credentials: Credentials | None = None) -> dict[str, str]:
        """The AWS environment of a process that uses this endpoint, signing as the writer by default."""
        signer = credentials or self.writer
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": signer.access_key,
                "AWS_SECRET_ACCESS_KEY": signer.secret_key, "AWS_DEFAULT_REGION": _REGION}

    def client(self) -> object:
        """A boto3 S3 client signing as the writer."""
        return boto3.client("s3", endpoint_url=self.endpoint, region_name=_REGION,
                            aws_access_key_id=self.writer.access_key, aws_secret_access_key=self.writer.secret_key)

    def bucket(self) -> str:
        """A new, empty bucket; its name."""
        name = f"t-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)  # type: ignore[attr-defined]
        return name

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()  # and removed
