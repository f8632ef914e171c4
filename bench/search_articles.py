"""Publishes N generated articles through the API, for bench/search-10k.

Usage: search_articles.py HOST:PORT SERVER_OUTPUT N
The demo accounts' passwords are read from the server's output (printed once at first start).
"""
import http.client
import json
import random
import re
import sys
import time

host, output, count = sys.argv[1], sys.argv[2], int(sys.argv[3])

WORDS = ("工会 职工 网民 网络 安全 主题 活动 征集 作品 摄影 视频 诵读 歌曲 达人 评论 平台 服务 "
         "维权 案例 创新 基层 街镇 开发区 系统 劳模 精神 工匠 宣传 培训 竞赛 志愿 公益 演讲 展演").split()


def passwords():
    for _ in range(100):
        text = open(output, encoding="utf-8").read()
        found = dict(re.findall(r"^\s+(binhai_\w+)\s+(\S+)", text, re.M))
        if "binhai_editor" in found and "binhai_approver" in found:
            return found
        time.sleep(0.1)
    raise SystemExit("demo passwords not found in the server output")


class Client:
    def __init__(self, username, password):
        self.conn = http.client.HTTPConnection(host)
        answer = self.call("POST", "/api/v1/session", {"username": username, "password": password})
        self.csrf = answer["csrf_token"]

    def call(self, method, path, body):
        headers = {"Content-Type": "application/json"}
        if getattr(self, "cookie", None):
            headers["Cookie"] = self.cookie
            headers["X-CSRF-Token"] = self.csrf
        self.conn.request(method, path, json.dumps(body), headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status >= 300:
            raise SystemExit(f"{method} {path}: {response.status} {data[:200]!r}")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return json.loads(data) if data else {}


def main():
    random.seed(2023)
    found = passwords()
    editor = Client("binhai_editor", found["binhai_editor"])
    approver = Client("binhai_approver", found["binhai_approver"])
    columns = ["notices", "news_union", "news_grassroots", "campaign"]
    started = time.time()
    for i in range(count):
        title = "".join(random.choice(WORDS) for _ in range(5)) + f"第{i}号"
        body = "\n\n".join("".join(random.choice(WORDS) for _ in range(40)) for _ in range(5))
        created = editor.call("POST", "/api/v1/articles",
                              {"column": random.choice(columns), "title": title, "body": body,
                               "published_at": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        editor.call("POST", f"/api/v1/articles/{created['id']}/submit", {})
        approver.call("POST", f"/api/v1/articles/{created['id']}/publish", {})
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} articles published ({time.time() - started:.0f}s)", file=sys.stderr)


main()
