"""The message schemas (msgcheck/msgschema.py) accept what the spec allows and reject what it forbids, and the hook
in conftest really sees the messages a client receives."""

from __future__ import annotations

import copy
import json

import msghook
import msgschema
import pytest

HEADER = {"msg_id": "a1", "session": "s1", "username": "u", "date": "2026-01-02T03:04:05.123456Z",
          "msg_type": "execute_reply", "version": "5.3"}
PARENT = {"msg_id": "r1", "session": "c1", "username": "u", "date": "2026-01-02T03:04:05Z",
          "msg_type": "execute_request", "version": "5.3"}


def message(msg_type: str, content: dict, **parts: object) -> dict:
    msg = {"header": {**HEADER, "msg_type": msg_type}, "parent_header": copy.deepcopy(PARENT), "metadata": {},
           "content": content}
    msg.update(parts)
    return msg


GOOD = [
    ("shell", message("execute_reply", {"status": "ok", "execution_count": 3, "user_expressions": {}, "payload": []})),
    ("shell", message("execute_reply", {"status": "error", "execution_count": 3, "ename": "E", "evalue": "v",
                                        "traceback": ["t"]})),
    ("shell", message("execute_reply", {"status": "aborted"})),
    ("shell", message("execute_reply", {"status": "ok", "execution_count": 1, "user_expressions": {}, "payload": [
        {"source": "page", "data": {"text/plain": "help"}, "start": 0}]})),
    ("shell", message("complete_reply", {"status": "ok", "matches": [], "cursor_start": 0, "cursor_end": 0,
                                         "metadata": {}})),
    ("shell", message("is_complete_reply", {"status": "incomplete", "indent": "\t"})),
    ("shell", message("is_complete_reply", {"status": "complete"})),
    ("shell", message("history_reply", {"status": "ok", "history": [[1, 2, "x := 1"], [1, 3, ["x", "1"]]]})),
    ("iopub", message("status", {"execution_state": "starting"}, parent_header={})),
    ("iopub", message("display_data", {"data": {"text/plain": "p", "image/png": "iVBO",
                                                "application/json": {"a": [1]}}, "metadata": {},
                                       "transient": {"display_id": "d"}})),
    ("stdin", message("input_request", {"prompt": "> ", "password": False})),
    ("control", message("shutdown_reply", {"status": "ok", "restart": False})),
    ("shell", message("kernel_info_reply", {
        "status": "ok", "protocol_version": "5.3", "implementation": "gokernel", "implementation_version": "1",
        "banner": "b", "help_links": [], "supported_features": [],
        "language_info": {"name": "go", "version": "1.26", "mimetype": "text/x-go", "file_extension": ".go"}})),
]

BAD = [
    # (why, channel, message, a fragment of the expected problem)
    ("null metadata", "iopub", message("status", {"execution_state": "idle"}, metadata=None), "metadata"),
    ("null matches", "shell", message("complete_reply", {"status": "ok", "matches": None, "cursor_start": 0,
                                                         "cursor_end": 0, "metadata": {}}), "matches"),
    ("payload missing", "shell", message("execute_reply", {"status": "ok", "execution_count": 1,
                                                           "user_expressions": {}}), "payload"),
    ("error without traceback", "iopub", message("error", {"ename": "E", "evalue": "v"}), "traceback"),
    ("nanosecond date", "iopub", message("status", {"execution_state": "idle"},
                                         header={**HEADER, "msg_type": "status",
                                                 "date": "2026-01-02T03:04:05.123456789Z"}), "date"),
    ("header lacks version", "iopub", message("status", {"execution_state": "idle"},
                                              header={k: v for k, v in HEADER.items() if k != "version"} | {
                                                  "msg_type": "status"}), "version"),
    ("reply without parent", "shell", message("is_complete_reply", {"status": "complete"}, parent_header={}),
     "parent_header"),
    ("bad stream name", "iopub", message("stream", {"name": "stdlog", "text": "x"}), "stdlog"),
    ("bundle without text/plain", "iopub", message("display_data", {"data": {"text/html": "<b>"}, "metadata": {}}),
     "text/plain"),
    ("mime key not type/subtype", "iopub", message("display_data", {"data": {"text/plain": "x", "png": "y"},
                                                                   "metadata": {}}), "png"),
    ("indent on complete", "shell", message("is_complete_reply", {"status": "complete", "indent": ""}), "indent"),
    ("2-element history entry", "shell", message("history_reply", {"status": "ok", "history": [[1, "x"]]}),
     "history"),
    ("password as number", "stdin", message("input_request", {"prompt": "", "password": 0}), "password"),
    ("reply on iopub", "iopub", message("execute_reply", {"status": "aborted"}), "does not belong"),
    ("unknown type", "iopub", message("stream_data", {}), "unknown msg_type"),
    ("update without display id", "iopub", message("update_display_data", {"data": {"text/plain": "x"},
                                                                          "metadata": {}, "transient": {}}),
     "display_id"),
    ("error reply lacks ename", "shell", message("inspect_reply", {"status": "error", "evalue": "", "traceback": []}),
     "ename"),
]


@pytest.mark.parametrize("channel,msg", GOOD, ids=[f"{c}-{m['header']['msg_type']}" for c, m in GOOD])
def test_valid_messages_pass(channel: str, msg: dict) -> None:
    assert msgschema.validate(channel, msg) == []


@pytest.mark.parametrize("why,channel,msg,fragment", BAD, ids=[b[0] for b in BAD])
def test_invalid_messages_fail(why: str, channel: str, msg: dict, fragment: str) -> None:
    problems = msgschema.validate(channel, msg)
    assert problems, f"{why}: accepted"
    assert any(fragment in p for p in problems), problems


def test_every_schema_is_valid_json_schema() -> None:
    for channel, types in msgschema.CHANNELS.items():
        for t in types:
            schema = msgschema.message_schema(t, channel)
            msgschema.jsonschema.validators.validator_for(schema).check_schema(schema)


def test_hook_counts_what_the_client_receives(kernel) -> None:
    """The conftest client's messages go through the hook: an execute adds its reply and IOPub messages."""
    before = msghook.COUNTS.copy()
    kernel.ok('import "fmt"\nfmt.Println("schema")')
    added = msghook.COUNTS - before
    assert added["shell execute_reply"] == 1
    assert added["iopub status"] >= 2 and added["iopub execute_input"] == 1 and added["iopub stream"] >= 1


def test_check_frames_records_problems() -> None:
    """A bad message given as wire frames is recorded (and then removed again so this test does not fail)."""
    bad = message("status", {"execution_state": "idle"}, metadata=None)
    frames = [b"sig", *(json.dumps(bad[k]).encode() for k in ("header", "parent_header", "metadata", "content"))]
    n = len(msghook.PROBLEMS)
    problems = msghook.check_frames("iopub", frames)
    assert problems and msghook.PROBLEMS[n:] == problems
    del msghook.PROBLEMS[n:]
    msghook.COUNTS["iopub status"] -= 1


def test_every_reply_type_matches_its_schema(fresh_kernel) -> None:
    """Drive every request type the kernel answers, so each reply type (and comm_close, input_request, an
    incomplete is_complete with and without indent) passes through the schema hook during the run; shutdown last."""
    k = fresh_kernel
    before = msghook.COUNTS.copy()
    requests = [
        ("shell", "kernel_info_request", {}),
        ("control", "kernel_info_request", {}),
        ("shell", "complete_request", {"code": "fmt.Pr", "cursor_pos": 6}),
        ("shell", "inspect_request", {"code": "fmt", "cursor_pos": 3, "detail_level": 0}),
        ("shell", "history_request", {"hist_access_type": "tail", "n": 5, "output": False, "raw": True}),
        ("shell", "history_request", {"hist_access_type": "search", "pattern": "x*", "unique": True, "n": 3,
                                      "output": False, "raw": True}),
        ("shell", "is_complete_request", {"code": "for {"}),
        ("shell", "is_complete_request", {"code": "s := `open raw string"}),
        ("shell", "is_complete_request", {"code": "x := 1"}),
        ("shell", "comm_info_request", {}),
        ("shell", "comm_open", {"comm_id": "c1", "target_name": "no.such.target", "data": {}}),
        ("control", "interrupt_request", {}),
    ]
    for channel, msg_type, content in requests:
        run = k.request(msg_type, content, channel)
        k.wait(run, until=lambda r: r.idle_at is not None and (msg_type == "comm_open" or r.reply is not None))
    k.ok('import "fmt"\nvar name string\nfmt.Print("? ")\nfmt.Scanln(&name)\nfmt.Println(name)',
         stdin=lambda m: "gopher")
    run = k.request("shutdown_request", {"restart": False}, "control")
    k.wait(run, until=lambda r: r.reply is not None)
    added = msghook.COUNTS - before
    for t in ("kernel_info_reply", "complete_reply", "inspect_reply", "history_reply", "is_complete_reply",
              "comm_info_reply"):
        assert added[f"shell {t}"] >= 1, (t, added)
    for t in ("kernel_info_reply", "interrupt_reply", "shutdown_reply"):
        assert added[f"control {t}"] == 1, (t, added)
    assert added["iopub comm_close"] == 1 and added["stdin input_request"] == 1, added
