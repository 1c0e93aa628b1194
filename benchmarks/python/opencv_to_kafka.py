#!/usr/bin/python3
"""Cameras to Kafka the way a user would write it without the component: OpenCV reads each camera's MJPEG stream
(cv2.VideoCapture over FFmpeg, one thread per camera), re-encodes every decoded frame as JPEG (cv2.imencode) and
publishes it with confluent-kafka (librdkafka). The peer of `./bench.sh kafka`; Debian packages python3-opencv and
python3-confluent-kafka, run with the system python (/usr/bin/python3).

    opencv_to_kafka.py --bootstrap HOST:PORT --topic TOPIC URL [URL ...]

Prints "OPENCV READY" once every camera delivered a first frame, then runs until stdin closes (or a line "stop"),
then flushes the producer and prints "OPENCV RESULT <frames read> <frames published> <delivery errors>
<read failures>".
"""
import argparse
import sys
import threading
import time

import cv2
from confluent_kafka import Producer

RECONNECT_DELAY_S = 1.0


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.read = 0
        self.published = 0
        self.delivery_errors = 0
        self.read_failures = 0

    def add(self, name, n=1):
        with self.lock:
            setattr(self, name, getattr(self, name) + n)


def camera_loop(name, url, producer, topic, counters, first_frame, stopping):
    """Reads one camera until told to stop; a failed read (camera gone) reopens after a delay, counted."""
    capture = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
    while not stopping.is_set():
        ok, frame = capture.read()
        if not ok:
            counters.add("read_failures")
            capture.release()
            stopping.wait(RECONNECT_DELAY_S)
            capture = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
            continue
        counters.add("read")
        first_frame.set()
        ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 80])
        if not ok:
            continue
        while True:
            try:
                producer.produce(topic, jpeg.tobytes(), key=name, on_delivery=on_delivery(counters))
                break
            except BufferError:  # the producer's queue is full: wait for deliveries, as librdkafka asks
                producer.poll(0.05)
        producer.poll(0)
    capture.release()


def on_delivery(counters):
    def delivered(error, message):
        counters.add("delivery_errors" if error is not None else "published")
    return delivered


def poll_until(producer, stopping):
    while not stopping.is_set():
        producer.poll(0.1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args()

    # the settings the component's Kafka example uses: no compression (JPEG is compressed), acks=all, idempotent
    producer = Producer({"bootstrap.servers": args.bootstrap, "linger.ms": 5, "compression.type": "none",
                         "acks": "all", "enable.idempotence": True, "message.max.bytes": 10 * 1024 * 1024})
    counters = Counters()
    stopping = threading.Event()
    firsts = []
    threads = []
    for i, url in enumerate(args.urls):
        first = threading.Event()
        firsts.append(first)
        t = threading.Thread(target=camera_loop, name=f"c{i}",
                             args=(f"c{i}", url, producer, args.topic, counters, first, stopping), daemon=True)
        t.start()
        threads.append(t)
    deadline = time.monotonic() + 60
    for first in firsts:
        first.wait(max(0.0, deadline - time.monotonic()))
    print("OPENCV READY", sum(1 for f in firsts if f.is_set()), flush=True)

    # delivery callbacks run in poll(): a thread keeps polling while the cameras run
    poller = threading.Thread(target=poll_until, args=(producer, stopping), daemon=True)
    poller.start()
    for line in sys.stdin:
        if line.strip() == "stop":
            break
    stopping.set()
    for t in threads:
        t.join(5)
    producer.flush(10)
    print("OPENCV RESULT", counters.read, counters.published, counters.delivery_errors, counters.read_failures,
          flush=True)


if __name__ == "__main__":
    main()
