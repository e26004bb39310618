"""Bad input as a new user meets it, beyond the mappings' own checks: the file system refusing a file,
odd command-line use, servers that answer badly. Each must give one line on stderr, a non-zero exit (2
for bad input) and no output written half-way.

HTTP answers come from real servers on 127.0.0.1 that the tests start; nothing reaches the internet."""

from .conftest import copy_corpus


def one_line(done, code: int, needle: str) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], done.stderr
    return lines[0]


def test_an_article_text_that_is_a_symlink_loop_is_one_line(kg, tmp_path):
    """The build lists its inputs before it reads them; a link to itself made that listing raise
    OSError (ELOOP), which reached the user as a traceback with exit 1."""
    articles = copy_corpus(tmp_path / "articles", ["000_seed"])
    text = articles / "000_seed" / "article.txt"
    text.unlink()
    text.symlink_to(text)
    done = kg("build", "--articles", articles, "--out", tmp_path / "out", "--offline")
    line = one_line(done, 2, "Too many levels of symbolic links")
    assert line.startswith("kg: error: ") and "article.txt" in line
    assert not (tmp_path / "out").exists()


def test_os_error_line_names_the_path_and_the_reason():
    from kg.cli import os_error_line

    assert os_error_line(PermissionError(13, "Permission denied", "a/b.txt")) == "a/b.txt: Permission denied"
    moved = OSError(18, "Invalid cross-device link", "a", None, "b")
    assert os_error_line(moved) == "a -> b: Invalid cross-device link"
    assert os_error_line(OSError(28, "No space left on device")) == "No space left on device"
    assert os_error_line(OSError("odd\n  thing")) == "odd thing"
