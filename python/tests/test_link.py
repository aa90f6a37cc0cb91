"""The link: ordered, batched, bounded, and quiet when the hub is gone."""

from __future__ import annotations

import json
import os
import threading
import time
import unittest
from typing import List

from sidecast.link import Link, LinkOptions, MessageTooLarge


class PipeReader:
    """Collects what arrives on a pipe's read end, on demand."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.chunks: List[bytes] = []
        self.thread = threading.Thread(target=self._read)

    def start(self) -> PipeReader:
        self.thread.start()
        return self

    def _read(self) -> None:
        for chunk in iter(lambda: os.read(self.fd, 1 << 16), b""):
            self.chunks.append(chunk)

    def lines(self) -> List[str]:
        self.thread.join(10)
        os.close(self.fd)
        return b"".join(self.chunks).decode().splitlines()


class LinkTest(unittest.TestCase):
    def test_writes_lines_from_many_threads_each_in_its_own_order(self) -> None:
        read_end, write_end = os.pipe()
        reader = PipeReader(read_end).start()
        link = Link(write_end)

        def produce(tag: int) -> None:
            for n in range(2000):
                link.send({"type": "log", "level": "info", "text": f"{tag}:{n}"})

        producers = [threading.Thread(target=produce, args=(tag,)) for tag in range(4)]
        for producer in producers:
            producer.start()
        for producer in producers:
            producer.join()
        link.close()
        os.close(write_end)
        texts = [json.loads(line)["text"] for line in reader.lines()]
        self.assertEqual(len(texts), 8000)
        for tag in range(4):
            self.assertEqual([t for t in texts if t.startswith(f"{tag}:")], [f"{tag}:{n}" for n in range(2000)])

    def test_makes_producers_wait_while_the_reader_is_slow(self) -> None:
        read_end, write_end = os.pipe()
        link = Link(write_end, LinkOptions(high_water_bytes=100 * 200, max_line_bytes=1024))
        sent: List[int] = []

        def produce() -> None:
            for n in range(5000):
                link.write_line(f"{'x' * 200} {n}\n")
                sent.append(n)

        producer = threading.Thread(target=produce)
        producer.start()
        time.sleep(0.3)
        # Nobody reads: a pipe buffer (64 KiB) plus 20 KB of queued lines, far short of 5000.
        self.assertLess(len(sent), 1000)
        reader = PipeReader(read_end).start()
        producer.join(10)
        link.close()
        os.close(write_end)
        self.assertEqual(len(reader.lines()), 5000)

    def test_an_urgent_line_overtakes_the_queue_but_not_the_batch_in_flight(self) -> None:
        read_end, write_end = os.pipe()
        link = Link(write_end, LinkOptions(high_water_bytes=10_000 * 200, max_line_bytes=1024, batch_lines=10))
        # Nobody reads yet, so the writer is stuck on its first batch and the rest queues up.
        for n in range(3000):
            link.send({"type": "log", "level": "info", "text": f"{'x' * 100} {n}"})
        link.send_urgent({"type": "pong", "n": 1})
        reader = PipeReader(read_end).start()
        link.close()
        os.close(write_end)
        lines = [json.loads(line) for line in reader.lines()]
        self.assertEqual(len(lines), 3001)
        pong = lines.index({"type": "pong", "n": 1})
        # Behind the pipe's 64 KiB and one batch at most, not behind the 3000 queued lines.
        self.assertLess(pong, 1000)
        texts = [line["text"] for line in lines if line["type"] == "log"]
        self.assertEqual(texts, [f"{'x' * 100} {n}" for n in range(3000)])

    def test_refuses_a_message_longer_than_the_line_cap(self) -> None:
        read_end, write_end = os.pipe()
        link = Link(write_end, LinkOptions(high_water_bytes=100 * 200, max_line_bytes=64))
        with self.assertRaisesRegex(MessageTooLarge, "at most 64"):
            link.send({"type": "log", "level": "info", "text": "y" * 100})
        link.close()
        os.close(write_end)
        os.close(read_end)

    def test_refuses_a_sidecar_log_level_the_protocol_lacks(self) -> None:
        read_end, write_end = os.pipe()
        link = Link(write_end)
        with self.assertRaisesRegex(ValueError, "level must be one of"):
            link.log("fatal", "x")
        link.close()
        os.close(write_end)
        os.close(read_end)

    def test_drops_output_quietly_once_the_hub_has_gone(self) -> None:
        read_end, write_end = os.pipe()
        os.close(read_end)
        link = Link(write_end)
        for n in range(1000):
            link.send({"type": "pong", "n": n})
        link.close(5)
        self.assertTrue(link.broken)
        os.close(write_end)


if __name__ == "__main__":
    unittest.main()
