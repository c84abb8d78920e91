using System.Globalization;
using System.Text;

namespace Mast3r.Training;

/// <summary>
/// Recursive-descent parser for the expression strings of the official <c>train.py</c> (which passes them to
/// Python's <c>eval</c>). Precedence follows Python: unary minus, then <c>*</c>/<c>@</c>, then <c>+</c>/<c>-</c>.
/// Numbers accept underscores (<c>57_000</c>) and a trailing dot (<c>-1.</c>).
/// </summary>
internal sealed class PyExprParser
{
    private readonly string _text;
    private int _pos;

    private PyExprParser(string text) => _text = text;

    /// <summary>Parses a whole string; errors quote the offending position.</summary>
    public static PyExpr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new PyExprParser(text);
        try
        {
            var expr = parser.ParseSum();
            parser.SkipSpace();
            if (parser._pos != text.Length) throw new PyExprException($"unexpected '{text[parser._pos]}'", parser._pos);
            return expr;
        }
        catch (PyExprException e)
        {
            throw new PyExprException($"{e.Message} at character {e.Position} in \"{Excerpt(text, e.Position)}\"", e.Position);
        }
    }

    private static string Excerpt(string text, int pos)
    {
        int start = Math.Max(0, pos - 30), end = Math.Min(text.Length, pos + 30);
        return (start > 0 ? "…" : "") + text[start..pos] + "⟨here⟩" + text[pos..end] + (end < text.Length ? "…" : "");
    }

    private PyExpr ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            SkipSpace();
            if (Peek() is not ('+' or '-')) return left;
            int at = _pos;
            char op = _text[_pos++];
            left = new PyBinary(op, left, ParseProduct()) { Position = at };
        }
    }

    private PyExpr ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (Peek() is not ('*' or '@')) return left;
            int at = _pos;
            char op = _text[_pos++];
            left = new PyBinary(op, left, ParseUnary()) { Position = at };
        }
    }

    private PyExpr ParseUnary()
    {
        SkipSpace();
        int at = _pos;
        if (Peek() == '-')
        {
            _pos++;
            return new PyNegate(ParseUnary()) { Position = at };
        }
        if (Peek() == '+')
        {
            _pos++;
            return ParseUnary();
        }
        return ParseAtom();
    }

    private PyExpr ParseAtom()
    {
        SkipSpace();
        int at = _pos;
        char c = Peek();
        if (c == '\0') throw new PyExprException("unexpected end of expression", _pos);
        if (char.IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsDigit(_text[_pos + 1]))) return ParseNumber();
        if (c is '\'' or '"') return new PyString(ParseString()) { Position = at };
        if (c == '(')
        {
            _pos++;
            var (items, trailingComma) = ParseSequence(')');
            return items.Count == 1 && !trailingComma ? items[0] : new PyTuple(items) { Position = at };
        }
        if (c == '[')
        {
            _pos++;
            return new PyList(ParseSequence(']').Items) { Position = at };
        }
        if (char.IsLetter(c) || c == '_')
        {
            string name = ParseDottedName();
            SkipSpace();
            if (Peek() != '(') return new PyName(name) { Position = at };
            _pos++;
            return ParseCallArguments(name, at);
        }
        throw new PyExprException($"unexpected '{c}'", _pos);
    }

    private PyCall ParseCallArguments(string callee, int at)
    {
        var args = new List<PyExpr>();
        var kwargs = new List<KeyValuePair<string, PyExpr>>();
        while (true)
        {
            SkipSpace();
            if (Peek() == ')') { _pos++; break; }
            int save = _pos;
            if (char.IsLetter(Peek()) || Peek() == '_')
            {
                string name = ParseDottedName();
                SkipSpace();
                if (Peek() == '=' && (_pos + 1 >= _text.Length || _text[_pos + 1] != '='))
                {
                    _pos++;
                    if (kwargs.Any(k => k.Key == name)) throw new PyExprException($"keyword argument '{name}' repeated", save);
                    kwargs.Add(new(name, ParseSum()));
                    if (!ListSeparator(')')) break;
                    continue;
                }
                _pos = save;
            }
            if (kwargs.Count > 0) throw new PyExprException("positional argument follows keyword argument", _pos);
            args.Add(ParseSum());
            if (!ListSeparator(')')) break;
        }
        return new PyCall(callee, args, kwargs) { Position = at };
    }

    private (List<PyExpr> Items, bool TrailingComma) ParseSequence(char close)
    {
        var items = new List<PyExpr>();
        bool trailing = false;
        while (true)
        {
            SkipSpace();
            if (Peek() == close) { _pos++; return (items, trailing); }
            items.Add(ParseSum());
            trailing = false;
            SkipSpace();
            if (Peek() == ',') { _pos++; trailing = true; continue; }
            if (Peek() == close) { _pos++; return (items, false); }
            throw new PyExprException($"expected ',' or '{close}'", _pos);
        }
    }

    /// <summary>Consumes ',' (true: more may follow) or the closing bracket (false).</summary>
    private bool ListSeparator(char close)
    {
        SkipSpace();
        if (Peek() == ',') { _pos++; return true; }
        if (Peek() == close) { _pos++; return false; }
        throw new PyExprException($"expected ',' or '{close}'", _pos);
    }

    private PyNumber ParseNumber()
    {
        int start = _pos;
        bool isInt = true;
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        if (Peek() == '.') { isInt = false; _pos++; while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '_')) _pos++; }
        if (Peek() is 'e' or 'E')
        {
            isInt = false;
            _pos++;
            if (Peek() is '+' or '-') _pos++;
            if (!char.IsDigit(Peek())) throw new PyExprException("malformed exponent", _pos);
            while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
        }
        string text = _text[start.._pos];
        string clean = text.Replace("_", "");
        if (clean.EndsWith('.')) clean += "0";
        if (!double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new PyExprException($"malformed number '{text}'", start);
        return new PyNumber(value, isInt, text) { Position = start };
    }

    private string ParseString()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length) _pos++;
            sb.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length) throw new PyExprException("unterminated string", _pos);
        _pos++;
        return sb.ToString();
    }

    private string ParseDottedName()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.')) _pos++;
        return _text[start.._pos];
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';
}
