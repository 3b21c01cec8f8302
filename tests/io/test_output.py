

def test_output_files_are_owner_only(tmp_path):
    import stat

    from netmix.io.output import OutputDir, write_atomic

    with OutputDir(tmp_path / "out") as out:
        out.write("a.csv", b"x")
    write_atomic(tmp_path / "b.html", b"y")
    for p in (tmp_path / "out" / "a.csv", tmp_path / "b.html"):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600  # contact lists are other people's personal data
