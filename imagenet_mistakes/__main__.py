"""The `imagenet-mistakes` command, and `python -m imagenet_mistakes`.

Ctrl-C while the CLI's modules load and Typer builds the commands (a good
part of a second) ends with one line, as it does later; nothing has been
opened yet. The command's own handling takes over when it starts
(`cli._Commands.invoke`).

With IMAGENET_MISTAKES_SAY_READY set, the first line on stderr says that this
handling is in place: a test then sends Ctrl-C from that moment rather than
after a guess at how long Python takes to start on a busy machine.
"""

import os
import signal
import sys
from types import FrameType

from imagenet_mistakes.errors import ExitCode

READY = b"imagenet-mistakes: ready for Ctrl-C\n"


def main() -> None:
    """Run the CLI."""
    # Unless Ctrl-C is ignored (a background job of a shell): that is kept.
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted_while_starting)
    if os.environ.get("IMAGENET_MISTAKES_SAY_READY"):
        os.write(2, READY)
    from imagenet_mistakes.cli import app

    try:
        app(prog_name="imagenet-mistakes")
    except KeyboardInterrupt:
        # A Ctrl-C raised again after the command answered the first: pyarrow's
        # CSV reader holds one and re-delivers it late. The command has said
        # how it ended; unhandled, this would end the process by SIGINT instead.
        sys.exit(ExitCode.INTERRUPTED)
    finally:
        # The command is over and has said how: a Ctrl-C now would only turn
        # its exit status into a signal's.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"Error: imagenet-mistakes: interrupted while starting; nothing was changed\n")
    os._exit(130)


if __name__ == "__main__":
    main()
