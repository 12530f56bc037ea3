"""A mail catcher for `make run`: the booking emails of the demo, kept as files instead of sent.

    python -m ops.mail_catcher var/mail

Listens on 127.0.0.1 at the SMTP port clinic.yml's `notifications.email` names (CLINIC_CONFIG
names another file), and writes each email it is given to the folder as
`<UTC time>-<n>.eml`, logging one line per email. ops/run.sh starts it.

It prints one line first, on stdout, saying where the booking emails go, and then logs on
stderr only. It catches nothing, and says why, when clinic.yml's SMTP server is not on this
machine (production settings), asks for STARTTLS or a login (which a catcher cannot honour),
or when something already listens on the port (then the emails go to that): it exits at once
and the demo goes on without it.
"""
import argparse
import asyncio
import datetime as dt
import email.policy
import errno
import ipaddress
import logging
import sys
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Callable, List, Optional, Tuple

from aiosmtpd.smtp import SMTP, Envelope, Session

from core.settings import EmailSettings, clinic

logger = logging.getLogger("mail_catcher")

LOOPBACK = "127.0.0.1"


def catch_address(settings: Optional[EmailSettings]) -> Tuple[Optional[Tuple[str, int]], str]:
    """Where to listen for clinic.yml's booking emails, or None and the reason not to."""
    if settings is None:
        return None, "none: clinic.yml configures no booking email"
    target = f"{settings.smtp_host}:{settings.smtp_port}"
    host = LOOPBACK if settings.smtp_host == "localhost" else settings.smtp_host
    try:
        ip = ipaddress.ip_address(host)
        loopback = ip.version == 4 and ip.is_loopback
    except ValueError:  # a name other than localhost
        loopback = False
    if not loopback:
        return None, f"sent to {target} (clinic.yml); no mail catcher"
    if settings.starttls or settings.username:
        return None, f"sent to {target} with STARTTLS or a login (clinic.yml), which the mail catcher cannot do; none started"
    return (host, settings.smtp_port), ""


class MailFolder:
    """aiosmtpd handler: writes each email to `folder` as `<UTC time>-<n>.eml`, never over another."""

    def __init__(self, folder: Path, now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)) -> None:
        self.folder = folder
        self.now = now
        self.count = 0

    def write(self, content: bytes) -> Path:
        stamp = f"{self.now():%Y%m%dT%H%M%SZ}"
        while True:
            self.count += 1
            path = self.folder / f"{stamp}-{self.count}.eml"
            try:
                with path.open("xb") as file:  # a file of an earlier run with the same name stays
                    file.write(content)
                return path
            except FileExistsError:
                continue

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        path = self.write(content)
        subject = BytesHeaderParser(policy=email.policy.default).parsebytes(content)["Subject"] or ""
        logger.info("caught an email to %s, %r: %s", ", ".join(envelope.rcpt_tos), subject, path)
        return "250 OK"


async def serve(folder: Path, address: Tuple[str, int], ready: Callable[[str], None]) -> None:
    """Catch emails on `address` until cancelled; `ready` gets the line that says where they go."""
    host, port = address
    handler = MailFolder(folder)
    loop = asyncio.get_running_loop()
    try:
        server = await loop.create_server(lambda: SMTP(handler, hostname="mail-catcher", loop=loop), host=host, port=port)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        ready(f"something already listens on {host}:{port}, so they go there; no mail catcher started")
        return
    ready(f"caught on {host}:{port} and written to {folder}/ (one .eml file each)")
    async with server:
        await server.serve_forever()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the emails (made if missing)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s [mail catcher] %(message)s", stream=sys.stderr)
    logger.setLevel(logging.INFO)  # one line per email; aiosmtpd's own log of each SMTP command stays quiet

    def say(where: str) -> None:
        print(f"Booking emails: {where}", flush=True)
        sys.stdout.close()  # run.sh reads this one line and stops listening; everything else goes to stderr

    address, reason = catch_address(clinic().notifications.email)
    if address is None:
        say(reason)
        return 0
    args.folder.mkdir(parents=True, exist_ok=True)
    try:
        asyncio.run(serve(args.folder, address, say))
    except KeyboardInterrupt:  # Ctrl-C in `make run`
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
