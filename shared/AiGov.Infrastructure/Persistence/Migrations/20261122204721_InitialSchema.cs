using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiGov.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "content_fingerprints",
                columns: table => new
                {
                    content_sha256 = table.Column<string>(type: "text", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_fingerprints", x => x.content_sha256);
                });

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    raw_sha256 = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    clean_text = table.Column<string>(type: "text", nullable: true),
                    content_sha256 = table.Column<string>(type: "text", nullable: true),
                    language = table.Column<string>(type: "text", nullable: true),
                    language_confidence = table.Column<double>(type: "double precision", nullable: true),
                    duplicate_of = table.Column<Guid>(type: "uuid", nullable: true),
                    similarity = table.Column<double>(type: "double precision", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                    table.CheckConstraint("ck_documents_status", "status IN ('stored', 'duplicate', 'rejected', 'failed')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_documents_content_sha256",
                table: "documents",
                column: "content_sha256");

            migrationBuilder.CreateIndex(
                name: "ix_documents_file_name",
                table: "documents",
                column: "file_name");

            migrationBuilder.CreateIndex(
                name: "ix_documents_status",
                table: "documents",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "content_fingerprints");

            migrationBuilder.DropTable(
                name: "documents");
        }
    }
}
