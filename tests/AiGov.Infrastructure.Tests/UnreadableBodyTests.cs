using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using AiGov.Infrastructure.Messaging;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public class UnreadableBodyTests
{
    [Fact]
    public void A_broken_envelope_still_names_its_document_and_file()
    {
        var body = """{"messageId":"0f8fad5b-d9cb-469f-a165-70867728950e","message":{"documentId":"7C9E6679-7425-40DE-944B-E07FC1F90AE7","source":{"fileName":"news\/a \"b\".html","rawSha256":"""u8;

        var recovered = UnreadableBody.Recover(body);

        Assert.Equal(new RecoveredDocument(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), "news/a \"b\".html"), recovered);
    }

    [Fact]
    public void A_document_id_without_a_file_name_is_recovered_alone()
    {
        var recovered = UnreadableBody.Recover("""{ "DocumentId" : "7c9e6679-7425-40de-944b-e07fc1f90ae7" ,"""u8);

        Assert.Equal(new RecoveredDocument(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), null), recovered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("""{"documentId":"not-a-guid","fileName":"a.html"}""")]
    [InlineData("""{"messageId":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}""")]
    public void A_body_that_names_no_document_recovers_nothing(string body) =>
        Assert.Null(UnreadableBody.Recover(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Only_the_start_of_a_huge_body_is_read()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', UnreadableBody.MaxBytesRead) + """ "documentId":"7c9e6679-7425-40de-944b-e07fc1f90ae7" """);

        Assert.Null(UnreadableBody.Recover(body));
    }

    [Fact]
    public void Serialization_errors_are_unreadable_bodies_and_other_errors_are_not()
    {
        Assert.True(UnreadableMessageFilter.IsUnreadable(new SerializationException("bad envelope", new JsonException("at 3"))));
        Assert.True(UnreadableMessageFilter.IsUnreadable(new InvalidOperationException("wrapped", new SerializationException("bad envelope"))));
        Assert.False(UnreadableMessageFilter.IsUnreadable(new JsonException("a consumer parsing its own JSON")));
        Assert.False(UnreadableMessageFilter.IsUnreadable(new InvalidOperationException("a consumer's own error")));
        Assert.False(UnreadableMessageFilter.IsUnreadable(new TimeoutException()));
    }
}
