using AiGov.Infrastructure.Hosting;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public sealed class OneLineConsoleFormatterTests
{
    [Fact]
    public void Summarise_KeepsTypesAndMessages_WithoutStackTraceOrLineBreaks()
    {
        Exception exception;
        try
        {
            throw new InvalidOperationException("Connection failed\nsecond line", new TimeoutException("no answer in 5 s"));
        }
        catch (InvalidOperationException e)
        {
            exception = e;
        }

        var summary = OneLineConsoleFormatter.Summarise(exception);

        Assert.Equal("InvalidOperationException: Connection failed (TimeoutException: no answer in 5 s)", summary);
    }
}
