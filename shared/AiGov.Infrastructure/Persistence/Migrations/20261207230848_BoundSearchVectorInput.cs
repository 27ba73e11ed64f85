using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace AiGov.Infrastructure.Persistence.Migrations
{
    /// <summary>The search vector is built from the first 250,000 characters of title and text
    /// (<see cref="AiGovDbContext.SearchableCharacters"/>), so a text with more than 1 MiB of distinct words is stored
    /// instead of failing in to_tsvector.</summary>
    public partial class BoundSearchVectorInput : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL 15 cannot change a generated column's expression: the column and its index are made again.
            migrationBuilder.DropIndex(
                name: "ix_documents_search_vector",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "documents");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "documents",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple'::regconfig, regexp_replace(left(coalesce(title, '') || ' ' || coalesce(clean_text, ''), 250000), '([぀-ヿ㐀-䶿一-鿿豈-﫿])', '\\1 ', 'g'))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_search_vector",
                table: "documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL 15 cannot change a generated column's expression: the column and its index are made again.
            migrationBuilder.DropIndex(
                name: "ix_documents_search_vector",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "documents");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "documents",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple'::regconfig, regexp_replace(coalesce(title, '') || ' ' || coalesce(clean_text, ''), '([぀-ヿ㐀-䶿一-鿿豈-﫿])', '\\1 ', 'g'))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_search_vector",
                table: "documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }
    }
}
