using Microsoft.EntityFrameworkCore;

namespace AiGov.Infrastructure.Persistence;

public sealed class AiGovDbContext(DbContextOptions<AiGovDbContext> options) : DbContext(options)
{
    /// <summary>Characters of title and text the search vector is built from: 4 bytes a character at most, so under
    /// the 1 MiB that PostgreSQL allows a tsvector's lexemes even when every word is distinct.</summary>
    public const int SearchableCharacters = 250_000;

    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();
    public DbSet<ContentFingerprintRecord> ContentFingerprints => Set<ContentFingerprintRecord>();
    public DbSet<RemovedBlockRecord> RemovedBlocks => Set<RemovedBlockRecord>();
    public DbSet<DocumentEventRecord> DocumentEvents => Set<DocumentEventRecord>();
    public DbSet<DedupDocumentRecord> DedupDocuments => Set<DedupDocumentRecord>();
    public DbSet<DedupBandRecord> DedupBands => Set<DedupBandRecord>();
    public DbSet<StoryAnchorRecord> StoryAnchors => Set<StoryAnchorRecord>();
    public DbSet<MessageDeliveryRecord> MessageDeliveries => Set<MessageDeliveryRecord>();
    public DbSet<UnreadableMessageRecord> UnreadableMessages => Set<UnreadableMessageRecord>();

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
            document.Property(d => d.PublishedAt).HasColumnName("published_at");
            document.Property(d => d.Source).HasColumnName("source");
            document.Property(d => d.SourceUrl).HasColumnName("source_url");
            document.Property(d => d.Author).HasColumnName("author");
            document.Property(d => d.LanguageShares).HasColumnName("language_shares").HasColumnType("jsonb");
            document.Property(d => d.LanguageSpans).HasColumnName("language_spans").HasColumnType("jsonb");
            document.Property(d => d.StoryId).HasColumnName("story_id");
            document.Property(d => d.Revision).HasColumnName("revision");
            document.HasIndex(d => d.StoryId).HasDatabaseName("ix_documents_story_id");
            document.HasIndex(d => d.ContentSha256).HasDatabaseName("ix_documents_content_sha256");
            document.HasIndex(d => d.Status).HasDatabaseName("ix_documents_status");
            document.HasIndex(d => d.FileName).HasDatabaseName("ix_documents_file_name");
            // Full-text search for `aigov search`: the 'simple' configuration (no stemmer fits every language) over
            // title and text, with a space after each CJK character so that Chinese and Japanese are searchable
            // character by character (queries match them as phrases). A tsvector holds at most 1 MiB of distinct
            // lexemes, so it is built from the first SearchableCharacters: even all-distinct words of 4-byte characters
            // stay under that, and a longer text is stored (searchable by its beginning) instead of failing.
            document.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
                .HasColumnName("search_vector")
                .HasComputedColumnSql(
                    $"to_tsvector('simple'::regconfig, regexp_replace(left(coalesce(title, '') || ' ' || coalesce(clean_text, ''), {SearchableCharacters}), " +
                    "'([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', '\\1 ', 'g'))", stored: true);
            document.HasIndex("SearchVector").HasDatabaseName("ix_documents_search_vector").HasMethod("GIN");
        });

        modelBuilder.Entity<RemovedBlockRecord>(block =>
        {
            block.ToTable("document_removed_blocks");
            block.HasKey(b => new { b.DocumentId, b.Ordinal }).HasName("pk_document_removed_blocks");
            block.Property(b => b.DocumentId).HasColumnName("document_id");
            block.Property(b => b.Ordinal).HasColumnName("ordinal");
            block.Property(b => b.Label).HasColumnName("label").IsRequired();
            block.Property(b => b.Text).HasColumnName("text").IsRequired();
            block.HasOne<DocumentRecord>().WithMany().HasForeignKey(b => b.DocumentId)
                .HasConstraintName("fk_document_removed_blocks_documents").OnDelete(DeleteBehavior.Cascade);
            block.HasIndex(b => b.Label).HasDatabaseName("ix_document_removed_blocks_label");
        });

        modelBuilder.Entity<DocumentEventRecord>(documentEvent =>
        {
            documentEvent.ToTable("document_events");
            documentEvent.HasKey(e => new { e.DocumentId, e.Ordinal }).HasName("pk_document_events");
            documentEvent.Property(e => e.DocumentId).HasColumnName("document_id");
            documentEvent.Property(e => e.Ordinal).HasColumnName("ordinal");
            documentEvent.Property(e => e.Stage).HasColumnName("stage").IsRequired();
            documentEvent.Property(e => e.Host).HasColumnName("host").IsRequired();
            documentEvent.Property(e => e.StartedAt).HasColumnName("started_at");
            documentEvent.Property(e => e.DurationMs).HasColumnName("duration_ms");
            documentEvent.Property(e => e.Outcome).HasColumnName("outcome").IsRequired();
            documentEvent.Property(e => e.Detail).HasColumnName("detail");
            documentEvent.HasOne<DocumentRecord>().WithMany().HasForeignKey(e => e.DocumentId)
                .HasConstraintName("fk_document_events_documents").OnDelete(DeleteBehavior.Cascade);
            documentEvent.HasIndex(e => new { e.Stage, e.StartedAt }).HasDatabaseName("ix_document_events_stage_started_at");
        });

        modelBuilder.Entity<ContentFingerprintRecord>(fingerprint =>
        {
            fingerprint.ToTable("content_fingerprints");
            fingerprint.HasKey(f => f.ContentSha256).HasName("pk_content_fingerprints");
            fingerprint.Property(f => f.ContentSha256).HasColumnName("content_sha256");
            fingerprint.Property(f => f.DocumentId).HasColumnName("document_id");
            fingerprint.Property(f => f.FirstSeenAt).HasColumnName("first_seen_at");
        });

        modelBuilder.Entity<DedupDocumentRecord>(decision =>
        {
            decision.ToTable("dedup_documents");
            decision.HasKey(d => d.DocumentId).HasName("pk_dedup_documents");
            decision.Property(d => d.DocumentId).HasColumnName("document_id").ValueGeneratedNever();
            decision.Property(d => d.Sequence).HasColumnName("seq").UseIdentityAlwaysColumn();
            decision.Property(d => d.CanonicalId).HasColumnName("canonical_id");
            decision.Property(d => d.Similarity).HasColumnName("similarity");
            decision.Property(d => d.StoryId).HasColumnName("story_id");
            decision.Property(d => d.Signature).HasColumnName("signature");
            decision.Property(d => d.AnchorCount).HasColumnName("anchor_count");
            decision.Property(d => d.DecidedAt).HasColumnName("decided_at");
            decision.HasIndex(d => d.Sequence).IsUnique().HasDatabaseName("ux_dedup_documents_seq");
        });

        // The primary key (band_key, document_id) is the lookup index: candidates are found by band key alone.
        modelBuilder.Entity<DedupBandRecord>(band =>
        {
            band.ToTable("dedup_bands");
            band.HasKey(b => new { b.BandKey, b.DocumentId }).HasName("pk_dedup_bands");
            band.Property(b => b.BandKey).HasColumnName("band_key");
            band.Property(b => b.DocumentId).HasColumnName("document_id");
        });

        // Only (anchor_key, seq), both in the key: the newest documents naming an anchor come from a backward
        // index-only scan that stops after a few entries, however many documents name it.
        modelBuilder.Entity<StoryAnchorRecord>(anchor =>
        {
            anchor.ToTable("story_anchors");
            anchor.HasKey(a => new { a.AnchorKey, a.Sequence }).HasName("pk_story_anchors");
            anchor.Property(a => a.AnchorKey).HasColumnName("anchor_key");
            anchor.Property(a => a.Sequence).HasColumnName("seq");
        });

        modelBuilder.Entity<MessageDeliveryRecord>(delivery =>
        {
            delivery.ToTable("message_deliveries");
            delivery.HasKey(d => new { d.Queue, d.MessageId }).HasName("pk_message_deliveries");
            delivery.Property(d => d.Queue).HasColumnName("queue");
            delivery.Property(d => d.MessageId).HasColumnName("message_id");
            delivery.Property(d => d.AloneDeliveries).HasColumnName("alone_deliveries");
            delivery.Property(d => d.LastStartedAt).HasColumnName("last_started_at");
        });

        modelBuilder.Entity<UnreadableMessageRecord>(unreadable =>
        {
            unreadable.ToTable("unreadable_messages");
            unreadable.HasKey(u => u.Id).HasName("pk_unreadable_messages");
            unreadable.Property(u => u.Id).HasColumnName("id").ValueGeneratedNever();
            unreadable.Property(u => u.Queue).HasColumnName("queue");
            unreadable.Property(u => u.MessageId).HasColumnName("message_id");
            unreadable.Property(u => u.DocumentId).HasColumnName("document_id");
            unreadable.Property(u => u.FileName).HasColumnName("file_name");
            unreadable.Property(u => u.Reason).HasColumnName("reason");
            unreadable.Property(u => u.At).HasColumnName("at");
            unreadable.HasIndex(u => u.MessageId).HasDatabaseName("ix_unreadable_messages_message_id").IsUnique();
        });
    }
}
