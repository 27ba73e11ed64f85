using AiGov.Infrastructure.Hosting;
using AiGov.Infrastructure.Messaging;

namespace AiGov.LanguageDetector;

/// <summary>
/// The language detector's start-up warm-up (run by <see cref="StartupWarmUp"/> before <c>/health/ready</c>): once the
/// language models are in (<see cref="LanguageModelWarmUp"/>), identifies five paragraphs in four scripts once and
/// reads the stage's messages through MassTransit's serializer, so the first real document pays for none of it (the
/// first identification alone took about 160 ms, traced; docs/PERFORMANCE.md).
/// </summary>
public static class LanguageDetectorWarmUp
{
    private static readonly string[] Samples =
    [
        "The European Parliament adopted the first comprehensive law on artificial intelligence on Wednesday.",
        "Le Parlement européen a adopté mercredi la première loi complète sur l'intelligence artificielle.",
        "国家网信办发布生成式人工智能服务管理办法，要求服务提供者对训练数据的来源负责。",
        "政府は人工知能の安全性に関する新しい指針を発表し、開発者に説明責任を求めた。",
        "Европейский парламент принял первый всеобъемлющий закон об искусственном интеллекте.",
    ];

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // The same load LanguageModelWarmUp waits for (and stops the service if it fails).
        await services.GetRequiredService<ScriptModels>().StartLoading().WaitAsync(cancellationToken);
        var identifier = services.GetRequiredService<LanguageIdentifier>();
        identifier.Identify(string.Join("\n\n", Samples), cancellationToken);
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Cleaned());
        MessageSerializationWarmUp.RoundTrip(WarmUpMessages.Detected());
    }
}
