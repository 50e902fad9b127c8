"""The `imagenet-mistakes` command, and `python -m imagenet_mistakes`.

Ctrl-C while the CLI's modules load and Typer builds the commands (a good
part of a second) ends with one line, as it does later; nothing has been
opened yet. The command's own handling takes over when it starts
(`boundary.command`), and ignores Ctrl-C once the command has said how it
ended.

With IMAGENET_MISTAKES_SAY_READY set, the first line on stderr says that this
handling is in place: a test then sends Ctrl-C from that moment rather than
after a guess at how long Python takes to start on a busy machine.
"""

import contextlib
import os
import signal
import sys
from types import FrameType

READY = b"imagenet-mistakes: ready for Ctrl-C\n"
# errors.ExitCode.INTERRUPTED, without importing more before the handler is in place.
INTERRUPTED = 130


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
    except SystemExit as e:
        if e.code != INTERRUPTED:
            raise
        # Interrupted, and said so: end here, without the interpreter's shutdown. Twice in
        # some thousand CI runs an add-model or sql whose Ctrl-C cut an import short
        # (DuckDB, pyarrow) said so and then died by SIGINT (status -2, not 130) with
        # Ctrl-C ignored by then; never reproduced by hand. Its files are closed by now.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):
                stream.flush()
        os._exit(INTERRUPTED)


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"Error: imagenet-mistakes: interrupted while starting; nothing was changed\n")
    os._exit(INTERRUPTED)


if __name__ == "__main__":
    main()
