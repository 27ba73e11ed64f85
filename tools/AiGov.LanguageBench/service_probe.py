#!/usr/bin/env python3
"""Starts the language detector against a throwaway RabbitMQ vhost and measures it: time until /health/ready answers
200, peak RSS (VmHWM) after warm-up and after N documents, and the rate at which LanguageDetected comes out.

    python3 tools/AiGov.LanguageBench/service_probe.py [--dll PATH] [--documents 500] [--port 5399]

Needs RabbitMQ with the management plugin on 127.0.0.1 (guest/guest). Stops the service by its PID and deletes the
vhost at the end."""
import argparse, base64, glob, json, os, subprocess, sys, time, urllib.error, urllib.request, uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MGMT = "http://127.0.0.1:15672/api"
AUTH = "Basic " + base64.b64encode(b"guest:guest").decode()


def api(method, path, body=None):
    request = urllib.request.Request(MGMT + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": AUTH, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
        return json.loads(data) if data else None


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def vm_hwm(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) // 1024


def articles():
    texts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read().encode("utf-8")[:5 * 1024].decode("utf-8", "ignore"))
    return texts


def envelope(vhost, text, i):
    return {
        "messageId": str(uuid.uuid4()),
        "destinationAddress": f"rabbitmq://127.0.0.1/{vhost}/AiGov.Contracts:DocumentCleaned",
        "messageType": ["urn:message:AiGov.Contracts:DocumentCleaned"],
        "message": {
            "documentId": str(uuid.uuid4()),
            "source": {"fileName": f"probe/{i}.txt", "rawSha256": "0" * 64, "sizeBytes": len(text.encode()),
                       "receivedAt": "2026-01-01T00:00:00+00:00"},
            "content": {"title": None, "text": text, "contentSha256": "0" * 64, "sourceFormat": "txt",
                        "encoding": "utf-8", "metadata": None, "removedBlocks": []},
        },
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll", default=os.path.join(ROOT, "services/AiGov.LanguageDetector/bin/Release/net10.0/AiGov.LanguageDetector.dll"))
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--port", type=int, default=5399)
    args = parser.parse_args()
    vhost = "langprobe-" + uuid.uuid4().hex[:8]
    api("PUT", f"/vhosts/{vhost}")
    api("PUT", f"/permissions/{vhost}/guest", {"configure": ".*", "write": ".*", "read": ".*"})
    env = dict(os.environ, RabbitMq__VirtualHost=vhost, Urls=f"http://127.0.0.1:{args.port}")
    log = open(f"/tmp/{vhost}.log", "w", buffering=1)
    started = time.monotonic()
    service = subprocess.Popen(["dotnet", args.dll], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=os.path.dirname(args.dll))
    try:
        ready_url = f"http://127.0.0.1:{args.port}/health/ready"
        while status_of(ready_url) != 200:
            if service.poll() is not None or time.monotonic() - started > 120:
                sys.exit(f"service did not get ready; see /tmp/{vhost}.log")
            time.sleep(0.05)
        ready = time.monotonic() - started
        print(f"ready after {ready:.2f} s; VmHWM {vm_hwm(service.pid)} MB")
        # The log says when the models are in (before readiness waited for them, it came much later).
        while "Language models loaded" not in open(log.name).read() and time.monotonic() - started < 120:
            time.sleep(0.1)
        print(f"models loaded after {time.monotonic() - started:.2f} s (seen in the log)")
        time.sleep(3)
        print(f"after warm-up (+3 s): VmHWM {vm_hwm(service.pid)} MB")

        ex = "AiGov.Contracts%3ALanguageDetected"
        api("PUT", f"/exchanges/{vhost}/{ex}", {"type": "fanout", "durable": True})
        api("PUT", f"/queues/{vhost}/probe-out", {"durable": False, "auto_delete": False})
        api("POST", f"/bindings/{vhost}/e/{ex}/q/probe-out", {"routing_key": ""})
        texts = articles()
        sent = time.monotonic()
        for i in range(args.documents):
            body = json.dumps(envelope(vhost, texts[i % len(texts)], i))
            result = api("POST", f"/exchanges/{vhost}/AiGov.Contracts%3ADocumentCleaned/publish",
                         {"properties": {"content_type": "application/vnd.masstransit+json", "delivery_mode": 2},
                          "routing_key": "", "payload": body, "payload_encoding": "string"})
            if not result.get("routed"):
                sys.exit("DocumentCleaned was not routed: is the service's queue bound?")
        published = time.monotonic() - sent
        count = 0
        while count < args.documents and time.monotonic() - sent < 120:
            time.sleep(0.5)
            count = api("GET", f"/queues/{vhost}/probe-out").get("messages", 0)
        done = time.monotonic() - sent
        print(f"{args.documents} documents published in {published:.1f} s (management API, one at a time); "
              f"{count} LanguageDetected within {done:.1f} s")
        print(f"after the documents: VmHWM {vm_hwm(service.pid)} MB")
    finally:
        service.terminate()
        try:
            service.wait(30)
        except subprocess.TimeoutExpired:
            service.kill()
        api("DELETE", f"/vhosts/{vhost}")
        log.close()


if __name__ == "__main__":
    main()
