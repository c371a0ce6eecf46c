/**
 * A small JSON reader. JSON.parse cannot be used on logs: Python's json module writes NaN, Infinity and
 * -Infinity for a diverged run, and Node's JSON.parse does not say which line is at fault.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

// Logs nest a few levels; a limit keeps hostile input from exhausting the stack.
const MAX_DEPTH = 64;

export function parseJson(text: string, firstLine = 1): JsonValue {
  return new Reader(text, firstLine).document();
}

class Reader {
  private pos = 0;
  private line: number;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  document(): JsonValue {
    const value = this.value(0);
    this.space();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.show()} after the JSON value`);
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.line);
  }

  private show(): string {
    if (this.pos >= this.text.length) return "end of input";
    return `'${this.text[this.pos]}'`;
  }

  private space(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 10) this.line++;
      else if (c === 13) {
        if (t.charCodeAt(this.pos + 1) !== 10) this.line++;
      } else if (c !== 32 && c !== 9) return;
      this.pos++;
    }
  }

  private value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    this.space();
    const c = this.text[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return this.string();
    if (c === "-" || c === "+" || (c >= "0" && c <= "9") || c === "N" || c === "I") return this.number();
    if (this.word("true")) return true;
    if (this.word("false")) return false;
    if (this.word("null")) return null;
    return this.fail(`unexpected ${this.show()}`);
  }

  private word(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private object(depth: number): JsonValue {
    this.pos++;
    // A null prototype, so a "__proto__" key in an upload is just a key.
    const result: { [key: string]: JsonValue } = Object.create(null);
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail(`expected a quoted key, found ${this.show()}`);
      const key = this.string();
      this.space();
      if (this.text[this.pos] !== ":") this.fail(`expected ':' after key "${key}", found ${this.show()}`);
      this.pos++;
      result[key] = this.value(depth + 1);
      this.space();
      const c = this.text[this.pos++];
      if (c === "}") return result;
      if (c !== ",") {
        this.pos--;
        this.fail(`expected ',' or '}' in an object, found ${this.show()}`);
      }
    }
  }

  private array(depth: number): JsonValue {
    this.pos++;
    const result: JsonValue[] = [];
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.pos++];
      if (c === "]") return result;
      if (c !== ",") {
        this.pos--;
        this.fail(`expected ',' or ']' in an array, found ${this.show()}`);
      }
    }
  }

  private number(): number {
    const rest = this.text.slice(this.pos, this.pos + 400);
    const special = /^[-+]?(?:NaN|Infinity)/.exec(rest);
    if (special) {
      this.pos += special[0].length;
      if (special[0].endsWith("NaN")) return NaN;
      return special[0].startsWith("-") ? -Infinity : Infinity;
    }
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (!match) return this.fail(`invalid number starting ${this.show()}`);
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private string(): string {
    const t = this.text;
    this.pos++;
    let out = "";
    let start = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail("unterminated string");
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        out += t.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 32) this.fail("control character inside a string");
      if (c !== 92) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      const e = t[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e === "u") {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape in a string");
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else if (e !== undefined && Object.hasOwn(simple, e)) {
        out += simple[e];
        this.pos += 2;
      } else this.fail("invalid escape in a string");
      start = this.pos;
    }
  }
}

export function isJsonObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
