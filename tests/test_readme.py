"""The README's table of folders and files matches the tree: every top-level entry is in it, and every path
named in its first column exists."""
import re
import subprocess
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
NOT_LISTED = {"README.md", ".ci", ".gitignore"}


def table_paths():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Which folder holds what", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [path for row in rows for path in re.findall(r"`([^`]+)`", row.split(" | ", 1)[0])]


def test_every_path_the_table_names_exists():
    paths = table_paths()
    assert len(paths) > 20
    assert [path for path in paths if not (PROJECT_DIR / path).exists()] == []


def test_every_top_level_entry_is_in_the_table():
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout
    top = {line.split("/", 1)[0] for line in tracked.splitlines()} - NOT_LISTED
    named = {path.rstrip("/").split("/", 1)[0] for path in table_paths()}
    assert sorted(top - named) == []
