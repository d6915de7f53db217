"""JSON schemas of every message a Jupyter kernel sends, written from the messaging spec (protocol 5.3, see
/work/shared/docs/jupyter-protocol.md §1 and jupyter_client's docs/messaging.rst), and a validator that checks the
raw JSON frames of a message against them.

The schemas are strict where the spec is: every required key present, the right JSON type (so `null` never passes
where the spec wants an object, a list or a string), enums for the closed sets (stream names, statuses, execution
states), header dates in the form jupyter_client parses. Unknown message types fail: a kernel message we do not
know is a message no client knows either. Content keys beyond the spec are allowed (the spec allows extensions),
except inside the header.

`validate(channel, parts)` returns a list of human-readable problems (empty when the message is valid).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema

_DRAFT = "https://json-schema.org/draft/2020-12/schema"

# jupyter_client's ISO8601 pattern (jsonutil.ISO8601_PAT): at most 6 fractional digits, a Z or an offset.
DATE_PATTERN = r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:?\d\d)$"

STR = {"type": "string"}
BOOL = {"type": "boolean"}
COUNT = {"type": "integer", "minimum": 0}
OBJ = {"type": "object"}
STRS = {"type": "array", "items": STR}

HEADER = {
    "type": "object",
    "required": ["msg_id", "session", "username", "date", "msg_type", "version"],
    "properties": {
        "msg_id": {"type": "string", "minLength": 1},
        "session": {"type": "string", "minLength": 1},
        "username": STR,
        "date": {"type": "string", "pattern": DATE_PATTERN},
        "msg_type": {"type": "string", "minLength": 1},
        # >= 5.2, else jupyter_kernel_test rejects every message (protocol doc §0)
        "version": {"type": "string", "pattern": r"^5\.([2-9]|\d\d+)(\.\d+)?$"},
        "subshell_id": STR,  # 5.5
    },
    "additionalProperties": False,
}

# A parent header is a copy of the request's header ({} only where there is no request, e.g. status: starting).
# Request headers come from clients, so only their shape is checked, not our own header rules.
PARENT = {
    "anyOf": [
        {"type": "object", "maxProperties": 0},
        {"type": "object", "required": ["msg_id", "msg_type", "session"],
         "properties": {"msg_id": {"type": "string", "minLength": 1}, "msg_type": STR, "session": STR}},
    ]
}
REQUEST_PARENT = PARENT["anyOf"][1]

# A MIME bundle: keys look like type/subtype; JSON types may hold any JSON value, everything else text.
MIMEBUNDLE = {
    "type": "object",
    "propertyNames": {"pattern": r"^[a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+$"},
    "patternProperties": {
        r"^application/(.+\+)?json$": {"type": ["object", "array", "string", "number", "boolean"]},
        r"^(?!application/(.+\+)?json$).*$": STR,
    },
}
DISPLAY_BUNDLE = {**MIMEBUNDLE, "required": ["text/plain"]}  # "every bundle should include text/plain"
TRANSIENT = {"type": "object", "properties": {"display_id": {"type": "string", "minLength": 1}}}

ERROR_FIELDS = {"ename": STR, "evalue": STR, "traceback": STRS}
ERROR_REPLY = {
    "type": "object",
    "required": ["status", "ename", "evalue", "traceback"],
    "properties": {"status": {"const": "error"}, **ERROR_FIELDS},
}

PAYLOAD = {
    "type": "object",
    "required": ["source"],
    "properties": {"source": STR},
    "allOf": [
        {"if": {"properties": {"source": {"const": "page"}}},
         "then": {"required": ["data", "start"], "properties": {"data": DISPLAY_BUNDLE, "start": COUNT}}},
        {"if": {"properties": {"source": {"const": "set_next_input"}}},
         "then": {"required": ["text"], "properties": {"text": STR, "replace": BOOL}}},
        {"if": {"properties": {"source": {"const": "edit_magic"}}},
         "then": {"required": ["filename", "line_number"], "properties": {"filename": STR, "line_number": COUNT}}},
        {"if": {"properties": {"source": {"const": "ask_exit"}}},
         "then": {"required": ["keepkernel"], "properties": {"keepkernel": BOOL}}},
    ],
}

USER_EXPRESSION = {
    "anyOf": [
        {"type": "object", "required": ["status", "data", "metadata"],
         "properties": {"status": {"const": "ok"}, "data": MIMEBUNDLE, "metadata": OBJ}},
        ERROR_REPLY,
    ]
}


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict:
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


def _reply(ok: dict) -> dict:
    """A reply content: status ok with the fields of ok, or a status error carrying ename/evalue/traceback."""
    return {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"enum": ["ok", "error"]}},
        "if": {"properties": {"status": {"const": "error"}}},
        "then": ERROR_REPLY,
        "else": ok,
    }


EXECUTE_REPLY = {
    "type": "object",
    "required": ["status"],
    "properties": {"status": {"enum": ["ok", "error", "aborted"]}},
    "allOf": [
        {"if": {"properties": {"status": {"const": "ok"}}},
         "then": _obj({"execution_count": COUNT,
                       "user_expressions": {"type": "object", "additionalProperties": USER_EXPRESSION},
                       "payload": {"type": "array", "items": PAYLOAD}})},
        {"if": {"properties": {"status": {"const": "error"}}},
         "then": {**ERROR_REPLY, "required": [*ERROR_REPLY["required"], "execution_count"],
                  "properties": {**ERROR_REPLY["properties"], "execution_count": COUNT}}},
        # "aborted" (deprecated since 5.1 but what ipykernel sends for requests dropped after an error)
    ],
}

HISTORY_ENTRY = {
    "type": "array",
    "prefixItems": [COUNT, COUNT, {"anyOf": [STR, {"type": "array", "prefixItems": [STR, STR],
                                                   "minItems": 2, "maxItems": 2}]}],
    "minItems": 3,
    "maxItems": 3,
}

LANGUAGE_INFO = _obj(
    {"name": {"type": "string", "minLength": 1}, "version": STR, "mimetype": STR, "file_extension": {"type": "string", "pattern": r"^\."}},
    {"pygments_lexer": STR, "codemirror_mode": {"type": ["string", "object"]}, "nbconvert_exporter": STR},
)

COMPLETE_META = {
    "type": "object",
    "properties": {"_jupyter_types_experimental": {"type": "array", "items": _obj(
        {"start": COUNT, "end": COUNT, "text": STR}, {"type": STR, "signature": STR})}},
}

# msg_type -> schema of its content.
CONTENT: dict[str, dict] = {
    # IOPub
    "status": _obj({"execution_state": {"enum": ["busy", "idle", "starting"]}}),
    "execute_input": _obj({"code": STR, "execution_count": COUNT}),
    "stream": _obj({"name": {"enum": ["stdout", "stderr"]}, "text": STR}),
    "display_data": _obj({"data": DISPLAY_BUNDLE, "metadata": OBJ}, {"transient": TRANSIENT}),
    "update_display_data": _obj({"data": DISPLAY_BUNDLE, "metadata": OBJ,
                                 "transient": {**TRANSIENT, "required": ["display_id"]}}),
    "execute_result": _obj({"execution_count": COUNT, "data": DISPLAY_BUNDLE, "metadata": OBJ}, {"transient": TRANSIENT}),
    "error": _obj(ERROR_FIELDS),
    "clear_output": _obj({"wait": BOOL}),
    "comm_open": _obj({"comm_id": {"type": "string", "minLength": 1}, "target_name": STR, "data": OBJ},
                      {"target_module": STR}),
    "comm_msg": _obj({"comm_id": {"type": "string", "minLength": 1}, "data": OBJ}),
    "comm_close": _obj({"comm_id": {"type": "string", "minLength": 1}, "data": OBJ}),
    # stdin
    "input_request": _obj({"prompt": STR, "password": BOOL}),
    # shell / control replies
    "execute_reply": EXECUTE_REPLY,
    "kernel_info_reply": _reply(_obj(
        {"protocol_version": {"type": "string", "pattern": r"^5\.\d+(\.\d+)?$"}, "implementation": STR,
         "implementation_version": STR, "language_info": LANGUAGE_INFO, "banner": STR},
        {"help_links": {"type": "array", "items": _obj({"text": STR, "url": STR})}, "debugger": BOOL,
         "supported_features": STRS},
    )),
    "complete_reply": _reply(_obj({"matches": STRS, "cursor_start": COUNT, "cursor_end": COUNT,
                                   "metadata": COMPLETE_META})),
    "inspect_reply": _reply(_obj({"found": BOOL, "data": MIMEBUNDLE, "metadata": OBJ})),
    "is_complete_reply": {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"enum": ["complete", "incomplete", "invalid", "unknown"]}, "indent": STR},
        # indent only (and always) with incomplete
        "if": {"properties": {"status": {"const": "incomplete"}}},
        "then": {"required": ["indent"]},
        "else": {"not": {"required": ["indent"]}},
    },
    "history_reply": _reply(_obj({"history": {"type": "array", "items": HISTORY_ENTRY}})),
    "comm_info_reply": _reply(_obj({"comms": {"type": "object", "additionalProperties": _obj({"target_name": STR})}})),
    "shutdown_reply": _reply(_obj({"restart": BOOL})),
    "interrupt_reply": _reply(OBJ),
    "debug_reply": OBJ,
}

# Which channel each type may arrive on.
CHANNELS: dict[str, set[str]] = {
    "iopub": {"status", "execute_input", "stream", "display_data", "update_display_data", "execute_result", "error",
              "clear_output", "comm_open", "comm_msg", "comm_close", "shutdown_reply"},  # ipykernel also broadcasts shutdown_reply
    "stdin": {"input_request"},
    "shell": {"execute_reply", "kernel_info_reply", "complete_reply", "inspect_reply", "is_complete_reply",
              "history_reply", "comm_info_reply", "shutdown_reply", "interrupt_reply"},
    "control": {"kernel_info_reply", "shutdown_reply", "interrupt_reply", "debug_reply"},
}


def message_schema(msg_type: str, channel: str) -> dict:
    """The schema of a whole message (header, parent_header, metadata, content) of msg_type on channel."""
    parent = REQUEST_PARENT if channel in ("shell", "control", "stdin") else PARENT
    return {
        "$schema": _DRAFT,
        "type": "object",
        "required": ["header", "parent_header", "metadata", "content"],
        "properties": {
            "header": {**HEADER, "properties": {**HEADER["properties"], "msg_type": {"const": msg_type}}},
            "parent_header": parent,
            "metadata": OBJ,
            "content": CONTENT[msg_type],
        },
    }


_validators: dict[tuple[str, str], jsonschema.protocols.Validator] = {}
_DATE = re.compile(DATE_PATTERN)
_cache: dict[str, list[str]] = {}  # canonical message -> its problems
_CACHE_MAX = 20000


def _canonical(channel: str, msg: dict) -> str:
    """A cache key for msg: msg with the header fields that differ in every message (msg_id, session, username, date)
    replaced by a fixed value of the same validity class (a non-empty string by "x", a date the schema accepts by one
    fixed date), so that messages equal up to those fields share one validation. The schema stays the only judge:
    the representative is valid exactly when the original is."""
    parts = dict(msg)
    for name in ("header", "parent_header"):
        h = parts.get(name)
        if not isinstance(h, dict):
            continue
        h = dict(h)
        for k in ("msg_id", "session", "username"):
            if isinstance(h.get(k), str) and h[k]:
                h[k] = "x"
        if isinstance(h.get("date"), str) and _DATE.match(h["date"]):
            h["date"] = "2000-01-01T00:00:00Z"
        parts[name] = h
    return channel + json.dumps(parts, sort_keys=True)


def validate(channel: str, msg: dict) -> list[str]:
    """Problems of msg (the four parts as decoded from the wire JSON, dates still strings) received on channel."""
    key = _canonical(channel, msg)
    problems = _cache.get(key)
    if problems is None:
        problems = _validate(channel, msg)
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = problems
    return list(problems)


def _validate(channel: str, msg: dict) -> list[str]:
    header = msg.get("header")
    msg_type = header.get("msg_type") if isinstance(header, dict) else None
    if msg_type not in CONTENT:
        return [f"{channel}: unknown msg_type {msg_type!r}"]
    if msg_type not in CHANNELS.get(channel, set()):
        return [f"{channel}: {msg_type} does not belong on {channel}"]
    key = (msg_type, channel)
    v = _validators.get(key)
    if v is None:
        schema = message_schema(msg_type, channel)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        v = _validators[key] = cls(schema)
    return [
        f"{channel} {msg_type}: {'/'.join(map(str, e.absolute_path)) or '<message>'}: {e.message}"
        for e in sorted(v.iter_errors(msg), key=lambda e: list(map(str, e.absolute_path)))
    ]
