using Microsoft.EntityFrameworkCore;

namespace AiGov.Infrastructure.Persistence;

public sealed class AiGovDbContext(DbContextOptions<AiGovDbContext> options) : DbContext(options)
{
    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();
    public DbSet<ContentFingerprintRecord> ContentFingerprints => Set<ContentFingerprintRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DocumentRecord>(document =>
        {
            document.ToTable("documents", t => t.HasCheckConstraint(
                "ck_documents_status", "status IN ('stored', 'duplicate', 'rejected', 'failed')"));
            document.HasKey(d => d.Id).HasName("pk_documents");
            document.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
            document.Property(d => d.FileName).HasColumnName("file_name").IsRequired();
            document.Property(d => d.RawSha256).HasColumnName("raw_sha256");
            document.Property(d => d.Status).HasColumnName("status").IsRequired();
            document.Property(d => d.Error).HasColumnName("error");
            document.Property(d => d.Title).HasColumnName("title");
            document.Property(d => d.CleanText).HasColumnName("clean_text");
            document.Property(d => d.ContentSha256).HasColumnName("content_sha256");
            document.Property(d => d.Language).HasColumnName("language");
            document.Property(d => d.LanguageConfidence).HasColumnName("language_confidence");
            document.Property(d => d.DuplicateOf).HasColumnName("duplicate_of");
            document.Property(d => d.Similarity).HasColumnName("similarity");
            document.Property(d => d.ReceivedAt).HasColumnName("received_at");
            document.Property(d => d.StoredAt).HasColumnName("stored_at");
            document.HasIndex(d => d.ContentSha256).HasDatabaseName("ix_documents_content_sha256");
            document.HasIndex(d => d.Status).HasDatabaseName("ix_documents_status");
            document.HasIndex(d => d.FileName).HasDatabaseName("ix_documents_file_name");
        });

        modelBuilder.Entity<ContentFingerprintRecord>(fingerprint =>
        {
            fingerprint.ToTable("content_fingerprints");
            fingerprint.HasKey(f => f.ContentSha256).HasName("pk_content_fingerprints");
            fingerprint.Property(f => f.ContentSha256).HasColumnName("content_sha256");
            fingerprint.Property(f => f.DocumentId).HasColumnName("document_id");
            fingerprint.Property(f => f.FirstSeenAt).HasColumnName("first_seen_at");
        });
    }
}
