"""The docs stand alone and say what the code does: the README's command-line list is the parser's."""

from __future__ import annotations

import argparse
import re
import subprocess

from healthtech import __main__ as cli
from healthtech import config

PREFIX = ".venv/bin/python -m healthtech "


def _readme_commands() -> dict[str, set[str]]:
    """Each command in the README's "Command line" block with every --option its lines (and their continuation
    comments) name."""
    block = re.search(r"## Command line\n```sh\n(.*?)```", (config.ROOT / "README.md").read_text(encoding="utf-8"),
                      re.S).group(1)
    named: dict[str, set[str]] = {}
    current = None
    for line in block.splitlines():
        if line.startswith(PREFIX):
            current = line[len(PREFIX):].split()[0]
        assert current, line
        named.setdefault(current, set()).update(re.findall(r"(--[a-z][a-z-]*)", line))
    return named


def _parser_commands() -> dict[str, set[str]]:
    commands = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {o for action in sub._actions for o in action.option_strings if o.startswith("--")} - {"--help"}
            for name, sub in commands.choices.items()}


def test_the_readmes_command_line_list_is_the_parsers():
    readme, parser = _readme_commands(), _parser_commands()
    assert sorted(readme) == sorted(parser)
    for name, options in parser.items():
        assert readme[name] == options, (name, "missing:", options - readme[name], "not in the parser:",
                                         readme[name] - options)


def test_no_file_refers_to_a_design_note_outside_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=config.ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    needle = "ARCHITECTURE" + ".md"  # spelled apart so this file does not name it
    assert [p for p in tracked if (config.ROOT / p).is_file() and not p.startswith("data/")
            and needle in (config.ROOT / p).read_text(encoding="utf-8", errors="ignore")] == []
