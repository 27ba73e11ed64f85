namespace AiGov.Infrastructure.Messaging;

/// <summary>
/// Lets a suspect message (one that came back after its process died) be worked on alone in this process: every
/// message passes the gate side by side, but a suspect waits until the messages already in work have ended, and no
/// other message starts until the suspect has ended. If the process dies then, the suspect is what killed it. Suspects
/// take their turns one at a time; messages that arrive while a suspect waits or works wait behind it (so a steady
/// stream of messages cannot keep a suspect waiting for ever).
/// </summary>
public sealed class SuspectGate
{
    private readonly object _sync = new();
    private readonly SemaphoreSlim _suspectTurn = new(1, 1);
    private int _inWork;
    private bool _suspectActive;
    private TaskCompletionSource _open = Completed();
    private TaskCompletionSource? _drained;

    /// <summary>Messages in work side by side now (for tests and diagnostics).</summary>
    public int InWork
    {
        get
        {
            lock (_sync)
            {
                return _inWork;
            }
        }
    }

    /// <summary>Enters beside other messages; waits while a suspect waits or works. Dispose to leave.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task open;
            lock (_sync)
            {
                if (!_suspectActive)
                {
                    _inWork++;
                    return new Leave(this, alone: false);
                }
                open = _open.Task;
            }
            await open.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Enters alone: waits for its turn among suspects and for the messages in work to end. Dispose to leave.</summary>
    public async ValueTask<IDisposable> EnterAloneAsync(CancellationToken cancellationToken)
    {
        await _suspectTurn.WaitAsync(cancellationToken);
        Task drained;
        lock (_sync)
        {
            _suspectActive = true;
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            if (_inWork == 0)
            {
                return new Leave(this, alone: true);
            }
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }
        try
        {
            await drained.WaitAsync(cancellationToken);
            return new Leave(this, alone: true);
        }
        catch
        {
            LeaveAlone();
            throw;
        }
    }

    private void LeaveBeside()
    {
        lock (_sync)
        {
            _inWork--;
            if (_inWork == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    private void LeaveAlone()
    {
        lock (_sync)
        {
            _suspectActive = false;
            _drained = null;
            _open.TrySetResult();
        }
        _suspectTurn.Release();
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed class Leave(SuspectGate gate, bool alone) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) != 0)
            {
                return;
            }
            if (alone)
            {
                gate.LeaveAlone();
            }
            else
            {
                gate.LeaveBeside();
            }
        }
    }
}
