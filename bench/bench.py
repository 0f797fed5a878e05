#!/usr/bin/env python3
"""Slipway's benchmark: generates workloads, runs Slipway and the floors in the same run, prints medians and ratios.

Usage: python3 bench/bench.py [--migrations 1000] [--specs 200] [--runs 7] [--slipway .build/release/slipway]
Needs PostgreSQL server binaries and psql, found as Slipway finds them (never a wrapper script). Adds dbmate and pg_prove (pgTAP) rows when they are
installed. Not part of CI's pass/fail.
"""
import argparse
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def is_executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def server_bin():
    """The server's bin directory, found as Slipway finds it (`PostgresBinaries.locate`): `$SLIPWAY_PG_BIN`, then
    `pg_config --bindir`, then the newest `/usr/lib/postgresql/<major>/bin`, then PATH. Every floor runs its
    programs from there: Debian's `/usr/bin/psql` is `pg_wrapper`, a Perl script that picks a version before it
    starts the real client, and costs several times what the client does."""
    explicit = os.environ.get("SLIPWAY_PG_BIN", "")
    search = [d for d in os.environ.get("PATH", "").split(":") if d]
    candidates = [explicit] if explicit else []
    if not explicit:
        pg_config = next((os.path.join(d, "pg_config") for d in search if is_executable(os.path.join(d, "pg_config"))),
                         None)
        if pg_config:
            found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
            if found.returncode == 0:
                candidates.append(found.stdout.strip())
        root = "/usr/lib/postgresql"
        majors = sorted((v for v in os.listdir(root) if v.isdigit()), key=int, reverse=True) if os.path.isdir(root) else []
        candidates += [os.path.join(root, v, "bin") for v in majors] + search
    for candidate in candidates:
        if all(is_executable(os.path.join(candidate, p)) for p in ("initdb", "postgres")):
            return candidate
    sys.exit("no PostgreSQL server binaries found (apt-get install postgresql, or set SLIPWAY_PG_BIN)")


def real_binary(path):
    """`path` when it is a compiled program (ELF), so that no floor pays for a wrapper script."""
    with open(path, "rb") as handle:
        if handle.read(4) != b"\x7fELF":
            sys.exit(f"{path} is a script, not the client itself: set SLIPWAY_PG_BIN to the server's bin directory")
    return path


class Server:
    """A throwaway PostgreSQL on a unix socket, run as the postgres account when we are root."""

    def __init__(self):
        self.bin = server_bin()
        self.psql_bin = real_binary(os.path.join(self.bin, "psql"))
        self.dir = tempfile.mkdtemp(prefix="slipway-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        self.prefix = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.dir, account.pw_uid, account.pw_gid)
            self.prefix = ["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--init-groups"]
        data = os.path.join(self.dir, "data")
        self.run(["initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
        self.run(["pg_ctl", "-D", data, "-w", "-l", os.path.join(self.dir, "log"), "-o",
                  f"-k {self.dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                  "-c full_page_writes=off", "start"])
        self.data = data
        self.share = subprocess.run([os.path.join(self.bin, "pg_config") if os.path.exists(
            os.path.join(self.bin, "pg_config")) else "pg_config", "--sharedir"], capture_output=True,
            text=True).stdout.strip()

    def run(self, argv):
        subprocess.run(self.prefix + [os.path.join(self.bin, argv[0])] + argv[1:], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, db):
        return f"postgresql://postgres@/{db}?host={self.dir}"

    def psql(self, db, *args, stdin=None):
        return subprocess.run([self.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url(db), *args], check=True,
                              stdout=subprocess.DEVNULL, input=stdin, text=True)

    def fresh_db(self, name):
        self.psql("postgres", "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}")

    def stop(self):
        self.run(["pg_ctl", "-D", self.data, "-m", "immediate", "stop"])
        shutil.rmtree(self.dir, ignore_errors=True)


def generate_migrations(directory, count):
    """Realistic DDL: tables, indexes, a view, and some plpgsql functions."""
    os.makedirs(directory, exist_ok=True)
    for i in range(1, count + 1):
        if i % 10 == 0:
            body = (f"CREATE OR REPLACE FUNCTION f_{i}(p_id BIGINT) RETURNS BIGINT AS $$\nBEGIN\n"
                    f"    RETURN (SELECT count(*) FROM t_{i - 1} WHERE id > p_id);\nEND;\n$$ LANGUAGE plpgsql;\n")
        elif i % 5 == 0:
            body = (f"ALTER TABLE t_{i - 1} ADD COLUMN note_{i} TEXT;\n"
                    f"CREATE INDEX t_{i - 1}_note_idx ON t_{i - 1} (note_{i});\n")
        else:
            body = (f"-- table {i}\nCREATE TABLE t_{i} (\n    id BIGSERIAL PRIMARY KEY,\n    name VARCHAR(100) NOT NULL,\n"
                    f"    amount NUMERIC(12,2) DEFAULT 0,\n    created_at TIMESTAMP DEFAULT now()\n);\n"
                    f"INSERT INTO t_{i} (name, amount) VALUES ('a', 1.5), ('b', 2.5);\n")
        with open(os.path.join(directory, f"V{i}__step_{i}.sql"), "w") as handle:
            handle.write(body)


def psql_apply_script(directory, count):
    """The honest floor: one psql session, one transaction per file plus a history insert."""
    parts = ["CREATE TABLE hist (rank INT PRIMARY KEY, version TEXT, description TEXT, script TEXT,"
             " checksum INT, installed_on TIMESTAMP DEFAULT now(), execution_time INT, success BOOLEAN);"]
    for i in range(1, count + 1):
        name = f"V{i}__step_{i}.sql"
        with open(os.path.join(directory, name)) as handle:
            parts.append("BEGIN;\n" + handle.read() +
                         f"\nINSERT INTO hist VALUES ({i}, '{i}', 'step {i}', '{name}', 0, now(), 1, true);\nCOMMIT;")
    return "\n".join(parts)


def busy_sql(rows):
    """CPU work on the server for tests that do more than look up a row (none when rows is 0)."""
    return f"SELECT count(*) FROM generate_series(1, {rows})" if rows else ""


def generate_specs(directory, count, busy_rows=0):
    """Small SQL test files: one test per file, a row inserted, three assertions on it."""
    os.makedirs(directory, exist_ok=True)
    busy = f"\n      - sql: {busy_sql(busy_rows)}" if busy_rows else ""
    for i in range(1, count + 1):
        with open(os.path.join(directory, f"s_{i}.yml"), "w") as handle:
            handle.write(f"""suite: s_{i}
tests:
  - name: item {i}
    given:
      - sql: INSERT INTO items (id, name) VALUES ({i}, 'n{i}'){busy}
    then:
      - query: SELECT count(*) FROM items WHERE id = {i}
        equals: 1
      - query: SELECT name FROM items WHERE id = {i}
        equals: n{i}
      - query: SELECT count(*) FROM items
        equals: 1
""")


SPEC_SCHEMA = "CREATE TABLE items (id INT PRIMARY KEY, name TEXT);\n"


def psql_test_script(count, busy_rows=0):
    """The floor for `slipway test`: the same statements in one psql session, a suite transaction and a test
    savepoint each, as Slipway isolates them."""
    busy = busy_sql(busy_rows) + ";" if busy_rows else ""
    return "\n".join(
        f"BEGIN; SAVEPOINT t; INSERT INTO items (id, name) VALUES ({i}, 'n{i}');{busy}\n"
        f"SELECT count(*) FROM items WHERE id = {i}; SELECT name FROM items WHERE id = {i}; "
        f"SELECT count(*) FROM items;\nROLLBACK TO SAVEPOINT t; ROLLBACK;" for i in range(1, count + 1))


def generate_pgtap(directory, count):
    """The same tests as pgTAP files for pg_prove."""
    os.makedirs(directory, exist_ok=True)
    for i in range(1, count + 1):
        with open(os.path.join(directory, f"s_{i}.sql"), "w") as handle:
            handle.write(f"BEGIN;\nSELECT plan(3);\nINSERT INTO items (id, name) VALUES ({i}, 'n{i}');\n"
                         f"SELECT is((SELECT count(*) FROM items WHERE id = {i}), 1::bigint);\n"
                         f"SELECT is((SELECT name FROM items WHERE id = {i}), 'n{i}');\n"
                         f"SELECT is((SELECT count(*) FROM items), 1::bigint);\n"
                         "SELECT * FROM finish();\nROLLBACK;\n")


def generate_dbmate(source, directory, count):
    """The migrations in dbmate's layout: `<version>_name.sql` with a `-- migrate:up` marker."""
    os.makedirs(directory, exist_ok=True)
    for i in range(1, count + 1):
        with open(os.path.join(source, f"V{i}__step_{i}.sql")) as handle:
            body = handle.read()
        with open(os.path.join(directory, f"{i:06d}_step_{i}.sql"), "w") as handle:
            handle.write("-- migrate:up\n" + body + "\n-- migrate:down\n")


def peak_rss_mb(argv, env=None):
    """The child's maximum resident set size, from wait4's rusage (what `/usr/bin/time -v` reports)."""
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise subprocess.CalledProcessError(child.returncode, argv)
    return usage.ru_maxrss / 1024


def run_ms(argv, env=None):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - start) * 1000


def interleaved(commands, runs, before=None):
    """Several commands run in turn, round after round, so that a floor and what is compared with it see the same
    moments of a noisy machine. `commands` is a list of (argv, env); returns each command's samples in ms."""
    samples = [[] for _ in commands]
    for _ in range(runs):
        for index, (argv, env) in enumerate(commands):
            if before:
                before()
            samples[index].append(run_ms(argv, env))
    return samples


class Row:
    """One printed row: a median and, against a floor or a peer measured in the same rounds, the median of the
    round-by-round ratios with their spread (min-max)."""

    def __init__(self, name, samples, against=None, against_name="", ratio_only=False):
        self.name = name
        self.value = None if ratio_only else statistics.median(samples) if isinstance(samples, list) else samples
        self.against_name = against_name
        self.ratios = [a / b for a, b in zip(samples, against)] if against else []

    def text(self):
        value = "" if self.value is None else f"{self.value:.1f}"
        if not self.ratios:
            return f"{self.name:<58} {value:>9}"
        spread = f"{min(self.ratios):.2f}-{max(self.ratios):.2f}"
        return (f"{self.name:<58} {value:>9} {statistics.median(self.ratios):>6.2f}x {spread:>11}"
                f"  {self.against_name}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--migrations", type=int, default=1000)
    parser.add_argument("--specs", type=int, default=200)
    parser.add_argument("--busy-rows", type=int, default=0,
                        help="each test also counts this many generated rows (server CPU work, to show --jobs)")
    parser.add_argument("--scale", type=int, default=4,
                        help="also validate with this many times the migrations, to show linear growth (0: skip)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slipway", default=".build/release/slipway")
    parser.add_argument("--dbmate", default=shutil.which("dbmate"), help="dbmate's binary (default: on PATH)")
    args = parser.parse_args()
    slipway = os.path.abspath(args.slipway)
    if not os.path.exists(slipway):
        sys.exit(f"{slipway} not found: run `swift build -c release --product slipway --static-swift-stdlib` first")

    work = tempfile.mkdtemp(prefix="slipway-bench-work-")
    migrations = os.path.join(work, "migration")
    generate_migrations(migrations, args.migrations)
    specs = os.path.join(work, "spec")
    generate_specs(specs, args.specs, args.busy_rows)
    spec_migrations = os.path.join(work, "spec-migration")
    os.makedirs(spec_migrations)
    with open(os.path.join(spec_migrations, "V1__items.sql"), "w") as handle:
        handle.write(SPEC_SCHEMA)
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    server = Server()
    psql = server.psql_bin
    rows = []
    few = max(3, args.runs // 2)
    # Slipway finds the same server binaries (pg_dump, the embedded server) as the floors use.
    env = dict(os.environ, NO_COLOR="1", SLIPWAY_PG_BIN=server.bin)
    try:
        floor_argv = ([psql, "-X", server.url("postgres"), "-c", "select 1"], None)
        with open(os.path.join(work, "all.sql"), "w") as handle:
            handle.write(psql_apply_script(migrations, args.migrations))
        apply_argv = [slipway, "migrate", "--url", server.url("bench"), "--locations", migrations]
        apply_commands = [([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", server.url("bench"), "-f",
                            os.path.join(work, "all.sql")], None), (apply_argv, env)]
        dbmate = None
        if args.dbmate:
            dbmate_dir = os.path.join(work, "dbmate")
            generate_dbmate(migrations, dbmate_dir, args.migrations)
            dbmate_env = dict(os.environ, DATABASE_URL=f"postgres://postgres@/dbmate?socket={server.dir}&sslmode=disable")
            dbmate = [args.dbmate, "--no-dump-schema", "--migrations-dir", dbmate_dir]
            apply_commands.append((dbmate + ["up"], dbmate_env))
        # Each applies to a database of its own, fresh for every run; the last run's stays for the no-op rows.
        applied = interleaved(apply_commands, few, before=lambda: [server.fresh_db(db) for db in ("bench", "dbmate")])
        rows.append(Row(f"psql applies {args.migrations} files, a transaction each (floor)", applied[0]))
        rows.append(Row(f"slipway migrate: apply {args.migrations}", applied[1], applied[0], "psql apply floor"))
        if dbmate:
            rows.append(Row(f"dbmate up: apply {args.migrations}", applied[2], applied[0], "psql apply floor"))

        # The no-op commands and their peers run in turn with the spawn floor, round after round.
        noop = [floor_argv] + [([slipway, command, "--url", server.url("bench"), "--locations", migrations], env)
                               for command in ["migrate", "info", "validate"]]
        if dbmate:
            noop += [(dbmate + [name], dbmate_env) for name in ["up", "status"]]
        samples = interleaved(noop, args.runs * 2)
        floor = samples[0]
        rows.append(Row("psql spawn + connect + select 1 (floor)", floor))
        for index, command in enumerate(["migrate", "info", "validate"], start=1):
            rows.append(Row(f"slipway {command}: {args.migrations} applied, nothing pending", samples[index], floor,
                            "spawn floor"))
        if dbmate:
            up, status = samples[4], samples[5]
            rows.append(Row(f"dbmate up: {args.migrations} applied", up, floor, "spawn floor"))
            rows.append(Row(f"dbmate status: {args.migrations} applied", status, floor, "spawn floor"))
            for index, (command, peer, peer_name) in enumerate(
                    [("migrate", up, "dbmate up"), ("info", status, "dbmate status"),
                     ("validate", status, "dbmate status")], start=1):
                rows.append(Row(f"  slipway {command} against {peer_name}", samples[index], peer, peer_name,
                                ratio_only=True))
        rows.append(Row(f"slipway migrate: peak RSS (MB), {args.migrations} applied", peak_rss_mb(apply_argv, env)))
        if args.scale > 1:
            # Start-up is paid once, so linear growth gives at most `scale` times the time; O(n^2) gives more.
            scaled = os.path.join(work, "migration-scaled")
            generate_migrations(scaled, args.migrations * args.scale)
            server.fresh_db("scaled")
            subprocess.run([slipway, "migrate", "--url", server.url("scaled"), "--locations", scaled], check=True,
                           stdout=subprocess.DEVNULL, env=env)
            small, large = interleaved(
                [([slipway, "validate", "--url", server.url(db), "--locations", directory], env)
                 for db, directory in [("bench", migrations), ("scaled", scaled)]], args.runs)
            rows.append(Row(f"slipway validate: {args.migrations * args.scale} applied", large, small,
                            f"validate, {args.migrations} applied (linear: at most {args.scale}.0)"))

        # Tests: one migration, then M specs.
        server.fresh_db("floor")
        server.psql("floor", "-c", SPEC_SCHEMA)
        with open(os.path.join(work, "tests.sql"), "w") as handle:
            handle.write(psql_test_script(args.specs, args.busy_rows))
        server.fresh_db("tests")
        test_argv = [slipway, "test", "--url", server.url("tests"), "--locations", spec_migrations,
                     "--specs", specs, "--report-dir", os.path.join(work, "reports")]
        subprocess.run(test_argv, check=True, stdout=subprocess.DEVNULL, env=env)
        psql_tests, jobs1, jobs2 = interleaved(
            [([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", server.url("floor"), "-f", os.path.join(work, "tests.sql")],
              None), (test_argv + ["--jobs", "1"], env), (test_argv + ["--jobs", "2"], env)], args.runs)
        rows.append(Row(f"psql runs {args.specs} tests' SQL in one session (floor)", psql_tests))
        rows.append(Row(f"slipway test: {args.specs} specs, --jobs 1", jobs1, psql_tests, "psql test floor"))
        rows.append(Row(f"slipway test: {args.specs} specs, --jobs 2", jobs2, psql_tests, "psql test floor"))
        rows.append(Row("  speed-up of --jobs 2 over --jobs 1", jobs1, jobs2, "--jobs 2 (--jobs 1's time over it)",
                        ratio_only=True))
        pg_prove = shutil.which("pg_prove")
        if not args.busy_rows and pg_prove and os.path.exists(os.path.join(server.share, "extension", "pgtap.control")):
            server.psql("tests", "-c", "CREATE EXTENSION IF NOT EXISTS pgtap")
            pgtap = os.path.join(work, "pgtap")
            generate_pgtap(pgtap, args.specs)
            for jobs in (1, 2):
                value = interleaved([([pg_prove, "--psql-bin", psql, "-j", str(jobs), "-d", "tests", "-h", server.dir,
                                       "-U", "postgres", "--ext", ".sql", pgtap], None)], few)[0]
                rows.append(Row(f"pg_prove -j{jobs}: {args.specs} pgTAP files", statistics.median(value)))

        many = os.path.join(work, "spec-many")
        generate_specs(many, 1000)
        rss_argv = test_argv[:test_argv.index("--specs")] + ["--specs", many, "--report-dir",
                                                              os.path.join(work, "reports-many"), "--jobs", "1"]
        rows.append(Row("slipway test: peak RSS (MB), 1000 specs", peak_rss_mb(rss_argv, env)))

        embedded = interleaved([floor_argv, ([slipway, "info", "--ephemeral", "--locations", migrations], env),
                                ([slipway, "migrate", "--ephemeral", "--locations", empty], env)], args.runs)
        rows.append(Row(f"slipway info on the embedded server (start + stop), {args.migrations} files", embedded[1],
                        embedded[0], "spawn floor"))
        rows.append(Row("embedded server: start, first query, stop (no files)", embedded[2], embedded[0],
                        "spawn floor"))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()[0]
    print(f"client binaries: {server.bin}")
    print(f"{'work':<58} {'median':>9} {'ratio':>7} {'spread':>11}  against (same rounds)")
    for row in rows:
        print(row.text())
    print("times in ms (RSS in MB); ratio: the median of the round-by-round ratios, spread: their min-max. "
          f"Load average: {load:.1f}")


if __name__ == "__main__":
    main()
