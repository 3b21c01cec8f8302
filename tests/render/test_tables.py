"""Output tables: contract columns, sorting, determinism."""

import csv
import io

import numpy as np
import pandas as pd

from netmix.io.output import csv_bytes, safe_cell
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
    for name in ("persons.csv", "contacts.csv"):
        assert csv_bytes(output_tables(r2, shuffled)[name]) == csv_bytes(output_tables(resolution, analysis)[name])


def test_formula_names_neutralised_in_csv(case):
    resolution, analysis, _ = case
    import dataclasses

    persons = analysis.persons.copy()
    persons.loc[persons.person_id == "p02", "name"] = '=HYPERLINK("http://x")'
    data = csv_bytes(output_tables(resolution, dataclasses.replace(analysis, persons=persons))["persons.csv"])
    assert b"'=HYPERLINK" in data.replace(b'""', b'"')


def _cell_by_cell(df: pd.DataFrame) -> bytes:
    """The reference: every cell formatted and neutralised one by one, as netmix wrote CSV before (row by row)."""
    def fmt(v):
        if isinstance(v, float):
            return "" if v != v else (f"{v:.6g}" if abs(v) < 1e15 else repr(v))
        return "" if v is None or v is pd.NA else v

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(list(df.columns))
    for row in df.itertuples(index=False, name=None):
        w.writerow([safe_cell(fmt(v)) for v in row])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def test_column_wise_cells_match_cell_by_cell(case):
    resolution, analysis, _ = case
    mixed = pd.DataFrame({
        "text": ["=x", "-1", None, "ok\x00", "+", "x" * 40000, "@", "\tT", float("nan")],
        "float": [1.5, -2.0, np.nan, 1e20, 0.1, 3.0, -0.0, 1e-7, 2.5],
        "int": list(range(-4, 5)),
        "bool": [True, False] * 4 + [True],
        "mixed": [1, "x", None, 2.5, pd.NA, True, "=y", -3, "s"],
        "nullable": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9], dtype="Int64"),
        "str": pd.array(["-x", None, "a,b", 'q"', "\n", "", "é", "=", "z"], dtype="str"),
    })  # fmt: skip
    for df in (mixed, mixed.iloc[0:0], *output_tables(resolution, analysis).values()):
        assert csv_bytes(df) == _cell_by_cell(df)
