using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AiGov.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddNearDuplicateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dedup_bands",
                columns: table => new
                {
                    band_key = table.Column<long>(type: "bigint", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dedup_bands", x => new { x.band_key, x.document_id });
                });

            migrationBuilder.CreateTable(
                name: "dedup_documents",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    canonical_id = table.Column<Guid>(type: "uuid", nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: true),
                    story_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signature = table.Column<byte[]>(type: "bytea", nullable: true),
                    anchor_count = table.Column<int>(type: "integer", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dedup_documents", x => x.document_id);
                });

            migrationBuilder.CreateTable(
                name: "story_anchors",
                columns: table => new
                {
                    anchor_key = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_story_anchors", x => new { x.anchor_key, x.seq });
                });

            migrationBuilder.CreateIndex(
                name: "ux_dedup_documents_seq",
                table: "dedup_documents",
                column: "seq",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dedup_bands");

            migrationBuilder.DropTable(
                name: "dedup_documents");

            migrationBuilder.DropTable(
                name: "story_anchors");
        }
    }
}
