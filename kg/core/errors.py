"""One exception type for every failure a user can cause or fix.

The CLI turns a ``KgError`` into a single line on stderr and its exit code; anything else is a bug and
is allowed to show a traceback.
"""

EXIT_OK = 0
EXIT_INVALID = 1  # the data was read but does not conform (SHACL, ASK false)
EXIT_BAD_INPUT = 2  # bad input, usage, network or server failure


class KgError(Exception):
    """A failure with a one-line, user-facing message."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self):  # raised in a worker process, it reaches the parent with its exit code
        return (type(self), (self.args[0] if self.args else "", self.exit_code))

    def __str__(self) -> str:  # keep it to one line whatever the cause said
        return " ".join(super().__str__().split())
