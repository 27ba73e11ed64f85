using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiGov.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AiGovDbContext>
{
    public AiGovDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AiGovDbContext>()
            .UseNpgsql(DatabaseRegistration.DefaultConnectionString)
            .Options;
        return new AiGovDbContext(options);
    }
}
