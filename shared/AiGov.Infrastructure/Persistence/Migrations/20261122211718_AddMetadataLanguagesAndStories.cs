using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiGov.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddMetadataLanguagesAndStories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "author",
                table: "documents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language_shares",
                table: "documents",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language_spans",
                table: "documents",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "documents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_url",
                table: "documents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "story_id",
                table: "documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "document_removed_blocks",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    label = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_removed_blocks", x => new { x.document_id, x.ordinal });
                    table.ForeignKey(
                        name: "fk_document_removed_blocks_documents",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_documents_story_id",
                table: "documents",
                column: "story_id");

            migrationBuilder.CreateIndex(
                name: "ix_document_removed_blocks_label",
                table: "document_removed_blocks",
                column: "label");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_removed_blocks");

            migrationBuilder.DropIndex(
                name: "ix_documents_story_id",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "author",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "language_shares",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "language_spans",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "source",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "source_url",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "story_id",
                table: "documents");
        }
    }
}
