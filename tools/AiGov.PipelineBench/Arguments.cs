using System.Globalization;

namespace AiGov.PipelineBench;

/// <summary><c>--name value</c> pairs; every value is checked where it is read, and a wrong one says what to pass.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    _values[name] = "true";
                }
                name = arg[2..];
            }
            else if (name is not null)
            {
                _values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}': options are --name value");
            }
        }
        if (name is not null)
        {
            _values[name] = "true";
        }
    }

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value
        : fallback ?? throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        !_values.TryGetValue(name, out var value) ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
        : throw new ArgumentException($"--{name} '{value}' is not a whole number >= 0");

    public double Double(string name, double fallback) =>
        !_values.TryGetValue(name, out var value) ? fallback
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d
        : throw new ArgumentException($"--{name} '{value}' is not a number >= 0");
}
