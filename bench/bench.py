#!/usr/bin/env python3
"""Slipway's benchmark: generates workloads, runs Slipway and the floors in the same run, prints medians and ratios.

Usage: python3 bench/bench.py [--migrations 1000] [--runs 7] [--slipway .build/release/slipway]
Needs PostgreSQL server binaries (as Slipway does) and psql. Not part of CI's pass/fail.
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


def server_bin():
    for candidate in [os.environ.get("SLIPWAY_PG_BIN", "")] + sorted(
        (os.path.join("/usr/lib/postgresql", v, "bin") for v in os.listdir("/usr/lib/postgresql")),
        key=lambda p: int(p.split("/")[-2]), reverse=True,
    ):
        if candidate and os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    sys.exit("no PostgreSQL server binaries found (apt-get install postgresql)")


class Server:
    """A throwaway PostgreSQL on a unix socket, run as the postgres account when we are root."""

    def __init__(self):
        self.bin = server_bin()
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

    def run(self, argv):
        subprocess.run(self.prefix + [os.path.join(self.bin, argv[0])] + argv[1:], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, db):
        return f"postgresql://postgres@/{db}?host={self.dir}"

    def psql(self, db, *args, stdin=None):
        return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url(db), *args], check=True,
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


def median_ms(argv, runs, before=None, env=None):
    samples = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--migrations", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slipway", default=".build/release/slipway")
    args = parser.parse_args()
    slipway = os.path.abspath(args.slipway)
    if not os.path.exists(slipway):
        sys.exit(f"{slipway} not found: run `swift build -c release` first")

    work = tempfile.mkdtemp(prefix="slipway-bench-work-")
    migrations = os.path.join(work, "migration")
    generate_migrations(migrations, args.migrations)
    server = Server()
    rows = []
    try:
        floor = median_ms(["psql", "-X", server.url("postgres"), "-c", "select 1"], args.runs * 3)
        rows.append(("psql spawn + connect + select 1 (floor)", floor, None))

        script = psql_apply_script(migrations, args.migrations)
        psql_apply = median_ms(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", server.url("bench"), "-f", os.path.join(work, "all.sql")],
            max(3, args.runs // 2), before=lambda: (server.fresh_db("bench"),
                                                    open(os.path.join(work, "all.sql"), "w").write(script)))
        rows.append((f"psql applies {args.migrations} files, a transaction each (floor)", psql_apply, None))

        env = dict(os.environ, NO_COLOR="1")
        apply = median_ms([slipway, "migrate", "--url", server.url("bench"), "--locations", migrations],
                          max(3, args.runs // 2), before=lambda: server.fresh_db("bench"), env=env)
        rows.append((f"slipway migrate: apply {args.migrations}", apply, apply / psql_apply))
        for command in ["migrate", "info", "validate"]:
            value = median_ms([slipway, command, "--url", server.url("bench"), "--locations", migrations],
                              args.runs, env=env)
            rows.append((f"slipway {command}: {args.migrations} applied, nothing pending", value, value / floor))
        embedded = median_ms([slipway, "info", "--ephemeral", "--locations", migrations], args.runs, env=env)
        rows.append(("slipway info on the embedded server (start + stop)", embedded, embedded / floor))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'work':<60} {'median ms':>10} {'ratio':>8}")
    for name, value, ratio in rows:
        print(f"{name:<60} {value:>10.1f} {('' if ratio is None else f'{ratio:.2f}x'):>8}")
    print("ratios: apply against the psql apply floor; the rest against the psql spawn floor")


if __name__ == "__main__":
    main()
