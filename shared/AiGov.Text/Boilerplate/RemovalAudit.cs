using System.Text;

namespace AiGov.Text.Boilerplate;

/// <summary>Collects removed lines as labelled blocks; consecutive removals with the same label form one block.</summary>
internal sealed class RemovalAudit
{
    private readonly List<RemovedText> _blocks = [];
    private readonly StringBuilder _current = new();
    private string? _currentLabel;

    public IReadOnlyList<RemovedText> Blocks
    {
        get
        {
            Flush();
            return _blocks;
        }
    }

    public void Add(string label, string line)
    {
        if (_currentLabel != label)
        {
            Flush();
            _currentLabel = label;
        }

        if (_current.Length > 0)
        {
            _current.Append('\n');
        }

        _current.Append(line);
    }

    /// <summary>Kept text stands between removals: the next removal starts a new block.</summary>
    public void Keep() => Flush();

    private void Flush()
    {
        if (_currentLabel is not null && _current.Length > 0)
        {
            _blocks.Add(new RemovedText(_currentLabel, _current.ToString()));
        }

        _current.Clear();
        _currentLabel = null;
    }
}
