using System.Globalization;
using System.Text;

namespace Mast3r.Model;

/// <summary>
/// Parses a constructor call written as Python source, <c>Name(key=value, …)</c>, where values are Python
/// literals: strings, ints, floats, <c>inf</c>, True/False/None, tuples and lists. Nothing is evaluated; this
/// replaces the <c>eval</c> of the official <c>load_model</c> (mast3r/model.py) for the literal subset it needs.
/// Values come back as string, long, double, bool, null or object?[].
/// </summary>
internal sealed class PyLiteralParser
{
    private readonly string _s;
    private int _i;

    private PyLiteralParser(string s) => _s = s;

    public static (string Name, List<KeyValuePair<string, object?>> Kwargs) ParseCall(string text)
    {
        var p = new PyLiteralParser(text);
        p.Skip();
        string name = p.Identifier();
        p.Expect('(');
        var kwargs = new List<KeyValuePair<string, object?>>();
        p.Skip();
        while (!p.TryTake(')'))
        {
            string key = p.Identifier();
            p.Expect('=');
            if (kwargs.Any(kv => kv.Key == key)) throw p.Error($"argument '{key}' given twice");
            kwargs.Add(new(key, p.Value()));
            p.Skip();
            if (!p.TryTake(',')) { p.Expect(')'); break; }
            p.Skip();
        }
        p.Skip();
        if (p._i != p._s.Length) throw p.Error("unexpected text after the closing parenthesis");
        return (name, kwargs);
    }

    private object? Value()
    {
        Skip();
        if (_i >= _s.Length) throw Error("value expected");
        char c = _s[_i];
        if (c is '\'' or '"') return Str();
        if (c is '(' or '[') return Sequence(c == '(' ? ')' : ']');
        if (char.IsDigit(c) || c is '-' or '+' or '.') return Number();
        string word = Identifier();
        return word switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            "inf" => double.PositiveInfinity,
            _ => throw Error($"'{word}' is not a literal (only strings, numbers, inf, True/False/None, tuples, lists)"),
        };
    }

    private object?[] Sequence(char close)
    {
        _i++;
        var items = new List<object?>();
        Skip();
        while (!TryTake(close))
        {
            items.Add(Value());
            Skip();
            if (!TryTake(',')) { Expect(close); break; }
            Skip();
        }
        return items.ToArray();
    }

    private object Number()
    {
        int start = _i;
        int sign = 1;
        if (_s[_i] is '-' or '+') { sign = _s[_i] == '-' ? -1 : 1; _i++; Skip(); }
        if (_i < _s.Length && char.IsLetter(_s[_i]))
        {
            if (Identifier() != "inf") throw Error("number expected");
            return sign * double.PositiveInfinity;
        }
        int digits = _i;
        while (_i < _s.Length && (char.IsDigit(_s[_i]) || _s[_i] is '.' or 'e' or 'E' or '_' ||
                                  (_s[_i] is '-' or '+' && _s[_i - 1] is 'e' or 'E'))) _i++;
        string text = _s[digits.._i].Replace("_", "");
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long l)) return sign * l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return sign * d;
        _i = start;
        throw Error($"'{text}' is not a number");
    }

    private string Str()
    {
        char quote = _s[_i++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_i >= _s.Length) throw Error("unterminated string");
            char c = _s[_i++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                if (_i >= _s.Length) throw Error("unterminated string");
                c = _s[_i++];
                sb.Append(c switch { 'n' => '\n', 't' => '\t', _ => c });
            }
            else sb.Append(c);
        }
    }

    private string Identifier()
    {
        Skip();
        int start = _i;
        while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_')) _i++;
        if (start == _i) throw Error("name expected");
        return _s[start.._i];
    }

    private void Expect(char c)
    {
        Skip();
        if (!TryTake(c)) throw Error($"'{c}' expected");
    }

    private bool TryTake(char c)
    {
        Skip();
        if (_i < _s.Length && _s[_i] == c) { _i++; return true; }
        return false;
    }

    private void Skip()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++;
    }

    private ModelConfigException Error(string problem) =>
        new($"model string, character {_i}: {problem} (near '{_s.Substring(Math.Min(_i, _s.Length), Math.Min(24, _s.Length - Math.Min(_i, _s.Length)))}')");
}
