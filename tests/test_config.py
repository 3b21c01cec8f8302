"""netmix.toml and --account / --ties parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmix.cli.specs import parse_account, parse_columns, parse_ties
from netmix.config import RunConfig, load_config
from netmix.errors import ConfigError
from netmix.model import Account

ROOT = Path(__file__).resolve().parents[1]


def test_account_spec_with_and_without_sphere():
    assert parse_account("pro=x.zip") == Account("pro", "professional", "x.zip")
    assert parse_account("perso=x.zip").sphere == "personal"
    assert parse_account("linkedin=in.csv").sphere == "professional"
    assert parse_account("work2:perso=a=b.zip") == Account("work2", "personal", "a=b.zip")  # '=' in the path is kept


def test_account_spec_errors():
    with pytest.raises(ConfigError, match="NAME\\[:SPHERE\\]=PATH"):
        parse_account("x.zip")
    with pytest.raises(ConfigError, match="unknown sphere"):
        parse_account("a:family=x.zip")


def test_ties_and_columns_specs():
    assert parse_ties("perso=t.gdf").account == "perso"
    assert parse_ties("t.gdf").account is None
    assert parse_columns("name=Full Name, email=Mail") == {"name": "Full Name", "email": "Mail"}
    with pytest.raises(ConfigError):
        parse_columns("nom=Full Name")


def test_toml_paths_are_relative_to_the_file(tmp_path):
    (tmp_path / "netmix.toml").write_text(
        '[run]\nseed = 3\nlang = "fr"\n[[account]]\nname = "perso"\nsphere = "personal"\npath = "fb.zip"\n'
        '[[ties]]\naccount = "perso"\npath = "t.gdf"\n',
        encoding="utf-8",
    )
    cfg = load_config(tmp_path / "netmix.toml")
    assert cfg.seed == 3 and cfg.lang == "fr"
    assert cfg.accounts[0].path == str(tmp_path / "fb.zip")
    assert cfg.ties[0].path == str(tmp_path / "t.gdf") and cfg.ties[0].account == "perso"


@pytest.mark.parametrize(
    "text, message",
    [
        ("[run]\nsed = 3\n[[account]]\nname='a'\npath='x'\n", "run: unknown key 'sed' — did you mean 'seed'\\?"),
        ("[[account]]\nname='a'\n", "account\\[1\\]: the key 'path' is missing"),
        ("[[account]\n", "invalid TOML"),
        ("[[account]]\nname='a'\npath='x'\n[[ties]]\naccount='b'\npath='t'\n", "names account 'b'"),
    ],
)
def test_toml_errors_name_the_file(tmp_path, text, message):
    p = tmp_path / "netmix.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(p)
    assert str(p) in str(info.value)


def test_duplicate_account_names_are_refused():
    a = Account("perso", "personal", "x")
    with pytest.raises(ConfigError, match="used twice"):
        RunConfig(accounts=(a, a))


def test_toml_sphere_follows_the_name_and_accepts_aliases(tmp_path):
    """The same rules as --account (model.default_sphere, model.SPHERE_ALIASES)."""
    (tmp_path / "netmix.toml").write_text(
        "[[account]]\nname='linkedin'\npath='a'\n[[account]]\nname='family'\npath='b'\n"
        "[[account]]\nname='x'\nsphere='pro'\npath='c'\n[[account]]\nname='y'\nsphere='Perso'\npath='d'\n",
        encoding="utf-8",
    )
    spheres = [a.sphere for a in load_config(tmp_path / "netmix.toml").accounts]
    assert spheres == ["professional", "personal", "professional", "personal"]
    assert spheres == [parse_account(s).sphere for s in ("linkedin=a", "family=b", "x:pro=c", "y:Perso=d")]


def test_toml_columns_belong_to_one_account(tmp_path):
    (tmp_path / "netmix.toml").write_text(
        "[[account]]\nname='perso'\npath='fb.zip'\n"
        "[[account]]\nname='crm'\npath='crm.csv'\ncolumns={name='Full Name', email='Mail'}\n"
        "[[account]]\nname='old'\npath='old.csv'\nformat='csv'\ncolumns='name=Nom'\n",
        encoding="utf-8",
    )
    perso, crm, old = load_config(tmp_path / "netmix.toml").accounts
    assert perso.columns == () and perso.platform is None  # still detected
    assert dict(crm.columns) == {"name": "Full Name", "email": "Mail"}
    assert dict(old.columns) == {"name": "Nom"} and old.platform == "csv"


BAD_CONFIGS = {
    "seed as text": ('[run]\nseed = "seven"\n', "run.seed: must be a whole number, got 'seven'"),
    "run as a number": ("run = 5\n", "run: must be a table"),
    "path as a number": ("", "account[2].path: must be text, got 42", "[[account]]\nname = 'b'\npath = 42\n"),
    "resolution nan": ("[run]\nresolution = nan\n", "run.resolution: must be a finite number, got nan"),
    "threshold out of range": ("[run]\nthreshold = 1.5\n", "run.threshold: must be above 0 and below 1, got 1.5"),
    "negative min_mutual": ("[run]\nmin_mutual = 0\n", "run.min_mutual: must be at least 1"),
    "typo in a key": (
        "",
        "account[2]: unknown key 'sphre' — did you mean 'sphere'?",
        "[[account]]\nname='b'\npath='y'\nsphre='pro'\n",
    ),
    "typo in a table": ("[runn]\nseed = 1\n", "unknown table 'runn' — did you mean 'run'?"),
    "unknown sphere": (
        "",
        "account[2].sphere: must be one of personal, professional, perso, pro",
        "[[account]]\nname='b'\npath='y'\nsphere='family'\n",
    ),
    "same export twice": ("", "accounts 'a' and 'b' read the same export './x'", "[[account]]\nname='b'\npath='./x'\n"),
    "bad encoding": ("", "is not a known text encoding", "[[account]]\nname='b'\npath='y'\nencoding='latin-99'\n"),
    "ties not a list": ('ties = "t.gdf"\n', "ties: must be written [[ties]]"),
    "boolean seed": ("[run]\nseed = true\n", "run.seed: must be a whole number, got True"),
}


@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_every_bad_config_is_one_clear_line_without_traceback(tmp_path, name):
    from click.testing import CliRunner

    from netmix.cli.main import cli

    head, message, *more = BAD_CONFIGS[name]
    text = head + "[[account]]\nname = 'a'\npath = 'x'\n" + (more[0] if more else "")
    (tmp_path / "netmix.toml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "--config", str(tmp_path / "netmix.toml"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "o").exists()


def test_several_problems_are_all_listed(tmp_path):
    (tmp_path / "netmix.toml").write_text("[run]\nseed = 'x'\nlang = 'de'\n[[account]]\nname='a'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "netmix.toml")
    text = str(info.value)
    assert "3 problems" in text and "run.seed" in text and "run.lang" in text and "'path' is missing" in text


@pytest.mark.parametrize("where", ["option", "toml"])
@pytest.mark.parametrize("what", ["decisions", "labels"])
def test_a_missing_decisions_or_labels_file_is_an_input_error(tmp_path, where, what):
    from click.testing import CliRunner

    from netmix.cli.main import cli

    toml = tmp_path / "netmix.toml"
    run = f"[run]\n{what} = 'typo.csv'\n" if where == "toml" else ""
    toml.write_text(run + f"[[account]]\nname='linkedin'\npath='{ROOT / 'samples' / 'linkedin'}'\n", encoding="utf-8")
    extra = [f"--{what}", str(tmp_path / "typo.csv")] if where == "option" else []
    result = CliRunner().invoke(cli, ["analyze", "--config", str(toml), *extra, "--out", str(tmp_path / "o")])
    assert result.exit_code == 3, result.output
    assert f"typo.csv: the {what} file does not exist" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_the_same_export_under_two_command_line_accounts_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="accounts 'a' and 'b' read the same export"):
        RunConfig(accounts=(parse_account(f"a={tmp_path}"), parse_account(f"b={tmp_path}/")))
