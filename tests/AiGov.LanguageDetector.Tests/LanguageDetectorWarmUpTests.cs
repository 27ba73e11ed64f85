using Microsoft.Extensions.DependencyInjection;

namespace AiGov.LanguageDetector.Tests;

public sealed class LanguageDetectorWarmUpTests
{
    [Fact]
    public async Task Warm_up_leaves_every_model_loaded_and_the_identifier_answering()
    {
        var models = new ScriptModels();
        await using var services = new ServiceCollection()
            .AddSingleton(models)
            .AddSingleton<LanguageIdentifier>()
            .BuildServiceProvider();
        Assert.False(models.IsLoaded);

        await LanguageDetectorWarmUp.RunAsync(services, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(models.IsLoaded);
        Assert.Equal("en", services.GetRequiredService<LanguageIdentifier>().Identify(Samples.English).Code);
    }
}
