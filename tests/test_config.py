"""netmix.toml and --account / --ties parsing."""

from __future__ import annotations

import pytest

from netmix.cli.specs import parse_account, parse_columns, parse_ties
from netmix.config import RunConfig, load_config
from netmix.errors import ConfigError
from netmix.model import Account


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
