"""Door admissions from eight station processes on one PostgreSQL server.

Eight processes (spawned, each with its own connection) start together and scan their share of
the attendees in at one session run's door, as fast as they can. Two rounds: free seats (every
scan admits) and a race for 30 seats (most scans answer "full"). Prints admits or decisions per
second (all stations, over the slowest station's wall time) and p50/p99 of one decision, the
whole of it: identify, decide, write scan + presence + audit, commit.
The event holds --attendees people (20,000 by default) whoever scans. Each round runs on
loopback and again through a proxy that holds every packet --lan-ms/2 each way (a venue LAN's
round trip), so the number of round trips per admission shows. Overbooked = admitted beyond the
seats in the race round (must be 0).
Run: .venv/bin/python bench/pg_door.py --db postgresql://postgres@127.0.0.1:PORT/postgres
     (a scratch database is created on that server and dropped afterwards; default: $CHECKIN_TEST_PG)
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import threading
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

sys.path.insert(0, str(ROOT / "bench"))
from door_race import RACE_AT, build_race_db  # noqa: E402
from figures import add_json_option, emit, percentile, skip  # noqa: E402

STATIONS = 8


def station(url: str, name: str, tokens: list[str], at_iso: str, barrier, results) -> None:
    from checkin.store.schema import open_database
    from checkin.door.service import scan
    from checkin.events.service import get_event
    from checkin.staff import StaffMember

    db = open_database(url)
    event = get_event("race-2025")
    staff = StaffMember("Marshal", "marshal")
    now = datetime.fromisoformat(at_iso)
    outcomes: Counter = Counter()
    latencies = []
    barrier.wait()
    started = time.perf_counter()
    for token in tokens:
        t = time.perf_counter()
        outcomes[scan(token, event=event, session_run="S1", direction="in", station=name, staff=staff,
                      now=now).outcome] += 1
        latencies.append((time.perf_counter() - t) * 1000)
    results.put((dict(outcomes), time.perf_counter() - started, latencies))
    db.close()


class LanDelay:
    """A TCP proxy in a thread: every chunk is held `ms`/2 before it is passed on, each way, in
    order. `url(u)` rewrites a PostgreSQL URL to go through it."""

    def __init__(self, host: str, port: int, ms: float):
        self.host, self.port, self.delay = host, port, ms / 2000.0
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.listen_port = 0
        threading.Thread(target=self._serve, daemon=True).start()
        self.ready.wait(10)

    def url(self, url: str) -> str:
        scheme, rest = url.split("://", 1)
        auth, _, tail = rest.rpartition("@")
        path = tail.split("/", 1)[1] if "/" in tail else ""
        return f"{scheme}://{auth + '@' if auth else ''}127.0.0.1:{self.listen_port}/{path}"

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def pipe(reader, writer):
            queue: asyncio.Queue = asyncio.Queue()

            async def send():
                while True:
                    due, data = await queue.get()
                    if data is None:
                        break
                    wait = due - self.loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    writer.write(data)
                    await writer.drain()
                writer.close()

            sender = asyncio.ensure_future(send())
            try:
                while data := await reader.read(65536):
                    queue.put_nowait((self.loop.time() + self.delay, data))
            except ConnectionError:
                pass
            queue.put_nowait((0, None))
            await sender

        async def client(reader, writer):
            try:
                up_reader, up_writer = await asyncio.open_connection(self.host, self.port)
            except OSError:
                writer.close()
                return
            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer), return_exceptions=True)

        async def start():
            server = await asyncio.start_server(client, "127.0.0.1", 0)
            self.listen_port = server.sockets[0].getsockname()[1]
            self.ready.set()
            await server.serve_forever()

        self.loop.run_until_complete(start())


def round_of(admin: str, per_station: int, capacity: int, attendees: int,
             lan: LanDelay | None = None) -> tuple[Counter, float, list[float]]:
    import psycopg

    name = "checkin_bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = admin.rsplit("/", 1)[0] + "/" + name
    try:
        with tempfile.TemporaryDirectory() as folder:
            url, tokens = build_race_db(Path(folder), attendees=max(attendees, STATIONS * per_station),
                                        capacity=capacity, db_url=url)
        tokens = tokens[:STATIONS * per_station]
        if lan is not None:
            url = lan.url(url)
        ctx = multiprocessing.get_context("spawn")
        barrier, results = ctx.Barrier(STATIONS), ctx.Queue()
        procs = [ctx.Process(target=station, args=(url, f"Door {n + 1}", tokens[n::STATIONS], RACE_AT.isoformat(),
                                                   barrier, results)) for n in range(STATIONS)]
        for p in procs:
            p.start()
        total: Counter = Counter()
        slowest, latencies = 0.0, []
        for _ in procs:
            outcomes, seconds, lat = results.get(timeout=600)
            total.update(outcomes)
            slowest = max(slowest, seconds)
            latencies += lat
        for p in procs:
            p.join(timeout=60)
        return total, slowest, latencies
    finally:
        from checkin.store.db import database

        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("CHECKIN_TEST_PG"), help="a PostgreSQL server's URL")
    parser.add_argument("--per-station", type=int, default=250, help="scans per station (default 250)")
    parser.add_argument("--attendees", type=int, default=20_000, help="people in the event (default 20,000)")
    parser.add_argument("--lan-ms", type=float, default=1.0, help="emulated LAN round trip, ms (0: loopback only)")
    add_json_option(parser)
    args = parser.parse_args()
    if not args.db:
        skip("pg_door: give --db postgresql://… (or set CHECKIN_TEST_PG); .ci/postgres start DIR PORT makes one")
    n = args.per_station
    figures, keys = {}, {}
    host_port = args.db.split("://", 1)[1].rpartition("@")[2].split("/", 1)[0]
    host, _, port = host_port.partition(":")
    networks = [("loopback", None)]
    if args.lan_ms > 0:
        networks.append((f"LAN {args.lan_ms:g} ms", LanDelay(host or "127.0.0.1", int(port or 5432), args.lan_ms)))
    for network, lan in networks:
        outcomes, wall, lat = round_of(args.db, n, STATIONS * n, args.attendees, lan)
        rate, p50, p99 = outcomes["admitted"] / wall, percentile(lat, 50), percentile(lat, 99)
        print(f"{network}: {STATIONS} stations, free seats, {args.attendees:,} attendees: {dict(outcomes)} in "
              f"{wall:.2f} s = {rate:,.0f} admits/s; one decision p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        race, race_wall, race_lat = round_of(args.db, n, 30, args.attendees, lan)
        overbooked = max(0, race["admitted"] - 30)
        print(f"{network}: {STATIONS} stations racing for 30 seats: {dict(race)} in {race_wall:.2f} s = "
              f"{sum(race.values()) / race_wall:,.0f} decisions/s; p99 {percentile(race_lat, 99):.1f} ms; "
              f"overbooked {overbooked}")
        scale = f"{STATIONS} processes on PostgreSQL, {args.attendees:,} attendees, {network}"
        figures |= {f"door admits/s, free seats ({scale})": (rate, "/s"),
                    f"door decision p50 ({scale})": (p50, "ms"),
                    f"door decision p99 ({scale})": (p99, "ms"),
                    f"door race for 30 seats ({scale}): admitted": (race["admitted"], "people"),
                    f"door race for 30 seats ({scale}): overbooked": (overbooked, "people")}
        suffix = "" if lan is None else "_lan"
        keys |= {f"pg_admits_per_s{suffix}": rate, f"pg_admit_p99_ms{suffix}": p99,
                 f"pg_overbooked{suffix}": overbooked}
    emit(args, "pg_door", figures, keys=keys)


if __name__ == "__main__":
    main()
