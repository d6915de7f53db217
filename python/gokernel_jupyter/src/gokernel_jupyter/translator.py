"""papermill parameters for Go notebooks run by gokernel.

papermill injects a cell after the cell tagged `parameters`. For a Go notebook this module writes it as

    // Parameters
    var papermillParameters = func() []string {
        ratio = 5
        title = "他说：\"你好\""
        return []string{"ratio", "title"}
    }()

Why this shape:

- Plain assignments keep the types the parameters cell declared: `var ratio float64` then `ratio = 5` stores
  float64(5), because 5 is an untyped Go constant. A `:=` or `var x = …` here would redeclare the name with the
  value's default type (int), so a float64 parameter given as `-p ratio 5` would become an int.
- The assignments run inside a package-level var initializer, a declaration, not a statement: gokernel replays
  declarations, not statements, in a child process (`mt.NewProcess`, `mt.NewPool`) and in a worker restarted after
  an interrupt, so the parameters reach those too. Top-level statements would leave them at their defaults there.
- A name the notebook did not declare fails the cell at compile time with `undefined: NAME` (Go cannot assign to
  an undeclared name, and declaring it here would hide typos). `inspect` below also lets papermill warn
  "Passed unknown parameter: NAME" before the run.

Values: str → a Go string literal quoted by strconv.Quote's rules (UTF-8 kept, quotes and control characters
escaped), int → an untyped integer constant, float → an untyped float constant that keeps its decimal point
(5.0, not 5; inf and nan through math.Inf/math.NaN), bool → true/false, None → nil, list/tuple → []any{…},
dict → map[string]any{…} (map[any]any{…} when a key is not a string), nested freely. Inside []any and map values
numbers take Go's default types (int, float64).
"""

from __future__ import annotations

import math
import re
import unicodedata

from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

KERNEL_NAME = "gokernel"
LANGUAGE = "go"
RESULT_VAR = "papermillParameters"

GO_KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if import interface map "
    "package range return select struct switch type var".split()
)
_IDENT = re.compile(r"^[^\W\d]\w*$")
_SIMPLE_ESCAPES = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\n": r"\n", "\r": r"\r", "\t": r"\t", "\v": r"\v"}


def _printable(ch: str) -> bool:
    """Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space."""
    return ch == " " or unicodedata.category(ch)[0] in "LMNPS"


def quote(s: str) -> str:
    """A Go interpreted string literal for s, escaped as Go's strconv.Quote does.

    Printable runes (any script) are kept as they are; `"` and `\\` are backslash-escaped; control and other
    non-printable runes become \\a \\b \\f \\n \\r \\t \\v, \\xHH (below U+0020 and U+007F), \\uHHHH or \\UHHHHHHHH.
    A lone surrogate (which no UTF-8 string can hold) becomes \\ufffd, as Go's string(rune(0xD800)) does.
    """
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif 0xD800 <= cp <= 0xDFFF:
            out.append(r"\ufffd")
        elif _printable(ch):
            out.append(ch)
        elif ch in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[ch])
        elif cp < 0x20 or cp == 0x7F:
            out.append(f"\\x{cp:02x}")
        elif cp < 0x10000:
            out.append(f"\\u{cp:04x}")
        else:
            out.append(f"\\U{cp:08x}")
    out.append('"')
    return "".join(out)


def is_identifier(name: str) -> bool:
    """Whether name can be assigned to in Go: an identifier (Unicode letters allowed) that is not a keyword."""
    return bool(_IDENT.match(name)) and name not in GO_KEYWORDS


class GoTranslator(Translator):
    """papermill's Translator for Go: see the module documentation for the cell it writes."""

    @classmethod
    def translate_str(cls, val):
        return quote(val)

    @classmethod
    def translate_escaped_str(cls, str_val):
        # papermill's fallback for values of other types (datetime, Decimal, …): their str() as a Go string.
        return quote(str(str_val))

    @classmethod
    def translate_none(cls, val):
        return "nil"

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_int(cls, val):
        return str(int(val))

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "math.NaN()"
        if math.isinf(val):
            return "math.Inf(1)" if val > 0 else "math.Inf(-1)"
        # repr keeps a decimal point or an exponent (5.0, 1e-07, 1e+20): all valid Go float literals, and an
        # untyped float constant stays float64 where the type is not fixed by a declaration.
        return repr(float(val))

    @classmethod
    def translate_list(cls, val):
        return "[]any{" + ", ".join(cls.translate(v) for v in val) + "}"

    @classmethod
    def translate_dict(cls, val):
        key_type = "string" if all(isinstance(k, str) for k in val) else "any"
        items = ", ".join(f"{cls.translate(k)}: {cls.translate(v)}" for k, v in val.items())
        return f"map[{key_type}]any{{{items}}}"

    @classmethod
    def translate(cls, val):
        if isinstance(val, tuple):
            return cls.translate_list(list(val))
        return super().translate(val)

    @classmethod
    def comment(cls, cmt_str):
        return "\n".join(f"// {line}".rstrip() for line in str(cmt_str).splitlines() or [""])

    @classmethod
    def assign(cls, name, str_val):
        return f"{name} = {str_val}"

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        for name in parameters:
            if not isinstance(name, str) or not is_identifier(name):
                raise ValueError(f"papermill parameter {name!r} is not a Go identifier, so a Go notebook cannot take it")
            if name == RESULT_VAR:
                raise ValueError(f"papermill parameter {name!r} clashes with the variable the Go translator declares")
        lines = [cls.comment(comment)]
        if not parameters:
            return lines[0] + "\n"
        body = [cls.assign(name, cls.translate(val)) for name, val in parameters.items()]
        if _uses_math(parameters.values()):
            lines.append('import "math"')
        names = ", ".join(quote(n) for n in parameters)
        lines.append(f"var {RESULT_VAR} = func() []string {{")
        lines += [f"\t{line}" for line in body]
        lines.append(f"\treturn []string{{{names}}}")
        lines.append("}()")
        return "\n".join(lines) + "\n"

    @classmethod
    def inspect(cls, parameters_cell):
        """The variables a Go `parameters` cell declares, for `papermill --help-notebook` and its unknown-parameter
        warning: `name := value`, `var name [type] [= value]` (also inside `var ( … )`), several names per line
        (`a, b := 1, 2`), each with an optional trailing `// help`. Constants are not parameters (Go cannot assign
        to them) and are left out; lines that are not declarations are ignored."""
        return list(_declared(parameters_cell.source if hasattr(parameters_cell, "source") else parameters_cell))


def _uses_math(values) -> bool:
    for v in values:
        if isinstance(v, float) and not math.isfinite(v):
            return True
        if isinstance(v, (list, tuple)) and _uses_math(v):
            return True
        if isinstance(v, dict) and (_uses_math(v.keys()) or _uses_math(v.values())):
            return True
    return False


# --- parameter inference ---------------------------------------------------------------------------------------

_DEFINE = re.compile(r"^(?P<names>[^\W\d]\w*(?:\s*,\s*[^\W\d]\w*)*)\s*:=\s*(?P<value>.*)$")
_VARSPEC = re.compile(r"^(?P<names>[^\W\d]\w*(?:\s*,\s*[^\W\d]\w*)*)(?:\s+(?P<type>[^=]*?))?\s*(?:=\s*(?P<value>.*))?$")
_BASIC = (
    "bool string int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 uintptr byte rune "
    "float32 float64 complex64 complex128 any error"
).split()


def _code_chars(text: str):
    """(index, char) for each character of Go source text that is outside string and rune literals."""
    quote_char = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote_char:
            if ch == "\\" and quote_char != "`":
                i += 2
                continue
            if ch == quote_char:
                quote_char = None
        elif ch in "\"'`":
            quote_char = ch
        else:
            yield i, ch
        i += 1


def _strip_comment(line: str) -> tuple[str, str]:
    """(code, help): the line without a trailing // comment (outside string literals), and that comment."""
    for i, _ in _code_chars(line):
        if line.startswith("//", i):
            return line[:i].rstrip(), line[i + 2 :].strip()
    return line.rstrip(), ""


def _split_top(text: str) -> list[str]:
    """text split at commas outside brackets and string literals."""
    parts, depth, start = [], 0, 0
    for i, ch in _code_chars(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def infer_type(value: str) -> str:
    """Go's type for an initializer without a declared type, as far as the text shows it ("None" if unknown)."""
    v = value.strip()
    if not v or v == "nil":
        return "None"
    if v in ("true", "false"):
        return "bool"
    if v[0] in "\"`":
        return "string"
    if v[0] == "'":
        return "rune"
    if re.fullmatch(r"-?[\d_.]+(?:[eE][+-]?\d+)?i|-?0[xX][\da-fA-F_.pP+-]*i", v):
        return "complex128"
    if re.fullmatch(r"-?(?:0[xX][\da-fA-F_]+|0[oObB]?[\d_]+|[1-9][\d_]*|0)", v):
        return "int"
    if re.fullmatch(r"-?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?|-?0[xX][\da-fA-F_.]*[pP][+-]?\d+", v):
        return "float64"
    m = re.match(r"^(&?)((?:\[\d*\]|map\[[^\]]+\])*[\w.]+(?:\[[^\]]*\])?)\{", v)
    if m:
        return ("*" if m.group(1) else "") + m.group(2)
    m = re.match(r"^((?:\[\]|map\[[^\]]+\])*[\w.]+)\(", v)
    if m and (m.group(1) in _BASIC or "." in m.group(1) and m.group(1)[0].isalpha() and m.group(1).split(".")[1][:1].isupper()):
        return m.group(1)
    return "None"


def zero_value(type_name: str) -> str:
    """Go's zero value for a declared type, as text ("zero value" where it depends on a named type)."""
    if type_name == "string":
        return '""'
    if type_name == "bool":
        return "false"
    if type_name in ("any", "error") or re.match(r"^(?:\*|\[\]|map\[|func\b|chan\b|<-chan\b|interface\b)", type_name):
        return "nil"
    if type_name in _BASIC:
        return "0"
    return "zero value"


def _declared(source: str):
    in_var_block = False
    for raw in source.splitlines():
        if raw[:1].isspace() and not in_var_block:
            continue  # inside a function or a block: not a top-level declaration
        code, help_text = _strip_comment(raw.strip())
        if not code:
            continue
        if in_var_block:
            if code.startswith(")"):
                in_var_block = False
                continue
            yield from _spec(code, help_text)
            continue
        if re.match(r"^var\s*\($", code):
            in_var_block = True
            continue
        if code.startswith("var "):
            yield from _spec(code[4:].strip(), help_text)
            continue
        m = _DEFINE.match(code)
        if m:
            names = [n.strip() for n in m.group("names").split(",")]
            values = _split_top(m.group("value"))
            if len(values) != len(names):
                values = [""] * len(names)
            for name, value in zip(names, values):
                if name != "_":
                    yield Parameter(name, infer_type(value), value or "None", help_text)


def _spec(code: str, help_text: str):
    m = _VARSPEC.match(code)
    if not m:
        return
    names = [n.strip() for n in m.group("names").split(",")]
    declared = (m.group("type") or "").strip()
    values = _split_top(m.group("value")) if m.group("value") is not None else []
    if len(values) != len(names):
        values = [""] * len(names)
    for name, value in zip(names, values):
        if name == "_":
            continue
        type_name = declared or infer_type(value)
        yield Parameter(name, type_name, value or (zero_value(declared) if declared else "None"), help_text)


def register() -> None:
    """Register GoTranslator with papermill for the kernel "gokernel" and the language "go" (idempotent)."""
    papermill_translators.register(KERNEL_NAME, GoTranslator)
    papermill_translators.register(LANGUAGE, GoTranslator)


register()
