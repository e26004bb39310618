"""Nothing is read from outside the folder a user points kg at: a symbolic link in an articles folder
(to a mapping, the entity list, the pins, a whole article folder, a draft's text) that leads out of it
is one line naming the link and exit 2, for every command that reads the folder; links that stay
inside keep working. The article text a mapping names has its own check (``test_article_loader``)."""

import shutil

import pytest

from .conftest import CORPUS_DIR, copy_corpus
from .test_bad_input import one_line

COMMANDS = {
    "build": ("build", "--offline", "--out", "{out}"),
    "link": ("link", "--offline"),
    "export": ("export",),
    "query": ("query", "ASK {}", "--out", "{out}"),
}


def _outside(tmp_path):
    """A folder beside the articles folder holding a valid article and corpus files, and the secret
    line a link must never pull in."""
    elsewhere = copy_corpus(tmp_path / "elsewhere", ["010_ministers"])
    for name in ("entities.yaml", "wikidata-pins.yaml"):
        with open(elsewhere / name, "a", encoding="utf-8") as handle:
            handle.write("# SECRET-LINE\n")
    return elsewhere


def _link(articles, elsewhere, what: str):
    """The link ``what`` names, made in ``articles`` to the same file or folder in ``elsewhere``."""
    if what == "article folder":
        link, target = articles / "010_ministers", elsewhere / "010_ministers"
    elif what == "mapping":
        link, target = articles / "010_ministers" / "mapping.yaml", elsewhere / "010_ministers" / "mapping.yaml"
    else:
        link, target = articles / what, elsewhere / what
    if link.is_dir():
        shutil.rmtree(link)
    else:
        link.unlink(missing_ok=True)
    link.symlink_to(target)
    return link


@pytest.mark.parametrize("what", ["mapping", "article folder", "entities.yaml", "wikidata-pins.yaml"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_link_out_of_the_articles_folder_is_one_line(kg, tmp_path, command, what):
    """``query`` reads a build, made before the link: it finds a linked file when it checks the build is
    current, and a linked folder (which that check does not follow) when it rebuilds, after saying so."""
    articles = copy_corpus(tmp_path / "articles")
    out = tmp_path / "out"
    if command == "query":
        assert kg("build", "--offline", "--articles", articles, "--out", out).returncode == 0
    link = _link(articles, _outside(tmp_path), what)
    args = [a.replace("{out}", str(out)) for a in COMMANDS[command]]
    done = kg(*args, "--articles", articles)
    needle = f"{link}: leads out of the articles folder {articles}"
    if command == "query" and what == "article folder":
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "rebuilding" in done.stderr and done.stderr.strip().splitlines()[-1] == f"kg: error: {needle}" + (
            " (through a symbolic link); kg reads only files inside it"
        )
        return
    line = one_line(done, 2, needle)
    assert "SECRET" not in line and out.exists() == (command == "query")


def test_links_that_stay_inside_the_articles_folder_still_build(kg, tmp_path):
    """A mapping linked to a file elsewhere in the articles folder, an article folder linked to a folder
    kept in an underscore folder (which kg does not take for an article), an entity list linked from
    a subfolder: all inside, all read."""
    articles = copy_corpus(tmp_path / "articles")
    kept = articles / "_kept"
    kept.mkdir()
    shutil.move(articles / "020_arrival", kept / "020_arrival")
    (articles / "020_arrival").symlink_to(kept / "020_arrival")
    shutil.move(articles / "010_ministers" / "mapping.yaml", kept / "ministers.yaml")
    (articles / "010_ministers" / "mapping.yaml").symlink_to(kept / "ministers.yaml")
    shutil.move(articles / "entities.yaml", kept / "entities.yaml")
    (articles / "entities.yaml").symlink_to(kept / "entities.yaml")
    done = kg("build", "--offline", "--articles", articles, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "corpus: 3 articles" in done.stdout
    linked = kg("link", "--offline", "--articles", articles)
    assert linked.returncode == 0, linked.stderr


def test_an_articles_folder_that_is_itself_a_link_is_read(kg, tmp_path):
    """The folder the user names may be a link: it is its real folder that files must stay in."""
    real = copy_corpus(tmp_path / "real", ["000_seed"])
    (tmp_path / "articles").symlink_to(real)
    done = kg("build", "--offline", "--articles", tmp_path / "articles", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("what", ["article.txt", "source.yaml", "folder"])
def test_draft_reads_nothing_out_of_the_folder_it_is_given(kg, tmp_path, what):
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "article.txt").write_text("SECRET-LINE. The minister visited Zarnow.\n")
    (tmp_path / "secret" / "source.yaml").write_text("publisher: SECRET-LINE\n")
    articles = tmp_path / "articles"
    folder = articles / "001_new"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("The minister visited Zarnow on Monday.\n")
    if what == "folder":
        shutil.rmtree(folder)
        link = folder
        folder.symlink_to(tmp_path / "secret")
        read = folder / "article.txt"
    else:
        link = read = folder / what
        read.unlink(missing_ok=True)
        read.symlink_to(tmp_path / "secret" / what)
    done = kg("draft", articles)
    line = one_line(done, 2, f"{read}: leads out of the folder given {articles}")
    assert "SECRET" not in line and link.is_symlink() and not (tmp_path / "secret" / "mapping.draft.yaml").exists()


def test_draft_reads_the_corpus_files_of_the_articles_folder_only(kg, tmp_path):
    """The entity list a draft is made with comes from the folder the article folder is in, and must
    be inside it."""
    articles = tmp_path / "articles"
    folder = articles / "001_new"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("The minister visited Zarnow on Monday.\n")
    (tmp_path / "entities.yaml").write_text((CORPUS_DIR / "entities.yaml").read_text() + "# SECRET-LINE\n")
    (articles / "entities.yaml").symlink_to(tmp_path / "entities.yaml")
    done = kg("draft", folder)
    line = one_line(done, 2, f"{articles / 'entities.yaml'}: leads out of the articles folder {articles}")
    assert "SECRET" not in line and not (folder / "mapping.draft.yaml").exists()
