"""Output tables: contract columns, sorting, determinism."""

from netmix.io.output import csv_bytes
from netmix.render.tables import CONTRACT, output_tables


def test_contract_columns_present(case):
    resolution, analysis, _ = case
    tables = output_tables(resolution, analysis)
    assert sorted(tables) == sorted(CONTRACT)
    for name, cols in CONTRACT.items():
        assert list(tables[name].columns[: len(cols)]) == list(cols), name


def test_sorting(case):
    resolution, analysis, _ = case
    t = output_tables(resolution, analysis)
    # contacts: by account then natural contact_id order (perso:10 after perso:4)
    assert list(t["contacts.csv"]["contact_id"]) == [
        "linkedin:1", "linkedin:2", "perso:1", "perso:2", "perso:3", "perso:4", "perso:10",
        "pro:1", "pro:2", "pro:3", "pro:4",
    ]  # fmt: skip
    assert list(t["persons.csv"]["person_id"]) == [f"p{i:02d}" for i in range(1, 11)]
    assert list(t["doubles.csv"]["person_id"]) == ["p01", "p10"]  # confidence 0.97 before 0.81
    assert list(t["bridges.csv"]["rank"]) == [1, 2]
    assert list(t["clusters.csv"]["cluster"]) == ["c1", "c2"]


def test_deterministic_and_no_nan(case):
    resolution, analysis, _ = case
    a = {k: csv_bytes(v) for k, v in output_tables(resolution, analysis).items()}
    b = {k: csv_bytes(v) for k, v in output_tables(resolution, analysis).items()}
    assert a == b
    for data in a.values():
        assert b"nan" not in data.lower().replace(b"noncontact", b"")


def test_shuffled_input_same_output(case):
    resolution, analysis, _ = case
    import dataclasses

    shuffled = dataclasses.replace(analysis, persons=analysis.persons.sample(frac=1, random_state=3))
    r2 = dataclasses.replace(resolution, contacts=resolution.contacts.sample(frac=1, random_state=4))
    assert csv_bytes(output_tables(r2, shuffled)["persons.csv"]) == csv_bytes(output_tables(resolution, analysis)["persons.csv"])
    assert csv_bytes(output_tables(r2, shuffled)["contacts.csv"]) == csv_bytes(output_tables(resolution, analysis)["contacts.csv"])


def test_formula_names_neutralised_in_csv(case):
    resolution, analysis, _ = case
    import dataclasses

    persons = analysis.persons.copy()
    persons.loc[persons.person_id == "p02", "name"] = '=HYPERLINK("http://x")'
    data = csv_bytes(output_tables(resolution, dataclasses.replace(analysis, persons=persons))["persons.csv"])
    assert "'=HYPERLINK".encode() in data.replace(b'""', b'"')
