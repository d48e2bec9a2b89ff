import Foundation
import GRDB

extension FaceStore {
    /// The schema, as named migrations applied in order from an empty file.
    /// Never edit a shipped migration: add a new one.
    ///
    /// Ids are `AUTOINCREMENT`, so a deleted face's id is never reused and a
    /// vector index keyed on face ids cannot confuse a new face with a deleted
    /// one. Box, score and JSON shapes are CHECK constraints; a trigger
    /// checks each face against its image's collection and that collection's
    /// descriptor dimension.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: collections, images, faces") { db in
            try db.execute(sql: collectionsTable)
            try db.execute(sql: imagesTable)
            try db.execute(sql: facesTable)
        }
        migrator.registerMigration("v2: api keys") { db in
            try db.execute(sql: apiKeysTable)
        }
        migrator.registerMigration("v3: keys limited to collections") { db in
            try db.execute(
                sql: """
                    ALTER TABLE api_keys ADD COLUMN collections TEXT
                        CHECK (collections IS NULL OR json_type(collections) = 'array')
                    """)
        }
        migrator.registerMigration("v4: labels and external ids in NFC") { db in
            try normalizeStoredText(db)
        }
        migrator.registerMigration("v5: a detector per collection") { db in
            // NULL: the server's configured detector, as for every collection
            // created before collections could choose one.
            try db.execute(
                sql: """
                    ALTER TABLE collections ADD COLUMN detector TEXT
                        CHECK (detector IS NULL OR length(detector) BETWEEN 1 AND 32)
                    """)
        }
        migrator.registerMigration("v6: a vector index per collection") { db in
            // NULL: the exact index, as for every collection created before
            // collections could choose one. Otherwise the engine's description
            // of the index (kind and parameters), opaque to the store.
            try db.execute(
                sql: """
                    ALTER TABLE collections ADD COLUMN vector_index TEXT
                        CHECK (vector_index IS NULL OR length(vector_index) BETWEEN 1 AND 256)
                    """)
        }
        migrator.registerMigration("v7: the store's identity") { db in
            // A random name of this store, drawn once: what keeps the vectors
            // of two data folders apart in one shared vector database (Milvus).
            try db.execute(
                sql: """
                    CREATE TABLE store_identity (
                        id TEXT NOT NULL CHECK (length(id) = 16 AND id NOT GLOB '*[^0-9a-f]*')
                    )
                    """)
            try db.execute(sql: "INSERT INTO store_identity (id) VALUES (lower(hex(randomblob(8))))")
        }
        return migrator
    }

    /// Rewrites stored labels and external ids in NFC (``FaceText``), so that
    /// rows written before the rule match the filters written after it. Text
    /// the rule now refuses (control characters, whitespace only, over 256
    /// characters) is left as it is: it stays listed and deletable by id, and
    /// cannot be asked for by label or external id (docs/STORAGE.md).
    private static func normalizeStoredText(_ db: Database) throws {
        for (table, column) in [("faces", "label"), ("faces", "external_id"), ("images", "external_id")] {
            let values = try String.fetchAll(
                db, sql: "SELECT DISTINCT \(column) FROM \(table) WHERE \(column) IS NOT NULL")
            for value in values {
                let normalized = value.precomposedStringWithCanonicalMapping
                guard Array(normalized.utf8) != Array(value.utf8) else { continue }
                try db.execute(
                    sql: "UPDATE \(table) SET \(column) = ? WHERE \(column) = ?",
                    arguments: [normalized, value])
            }
        }
    }

    private static let collectionsTable = """
        CREATE TABLE collections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE
                CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^A-Za-z0-9_-]*'),
            metric TEXT NOT NULL CHECK (metric IN ('euclidean', 'cosine')),
            model_id TEXT NOT NULL CHECK (length(model_id) > 0),
            dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 65536),
            created_at DATETIME NOT NULL
        );
        """

    private static let imagesTable = """
        CREATE TABLE images (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            byte_count INTEGER NOT NULL CHECK (byte_count >= 0),
            width INTEGER NOT NULL CHECK (width > 0),
            height INTEGER NOT NULL CHECK (height > 0),
            format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp')),
            file_name TEXT NOT NULL,
            external_id TEXT,
            metadata TEXT CHECK (json_type(metadata) = 'object'),
            created_at DATETIME NOT NULL,
            UNIQUE (collection_id, sha256)
        );
        CREATE INDEX images_on_file_name ON images(file_name);
        """

    private static let facesTable = """
        CREATE TABLE faces (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            "left" INTEGER NOT NULL,
            top INTEGER NOT NULL,
            "right" INTEGER NOT NULL,
            bottom INTEGER NOT NULL,
            landmarks TEXT NOT NULL CHECK (json_type(landmarks) = 'array'),
            confidence REAL NOT NULL,
            quality REAL NOT NULL,
            descriptor BLOB NOT NULL CHECK (length(descriptor) > 0 AND length(descriptor) % 4 = 0),
            label TEXT,
            external_id TEXT,
            metadata TEXT CHECK (json_type(metadata) = 'object'),
            created_at DATETIME NOT NULL,
            CHECK ("right" >= "left" AND bottom >= top)
        );
        -- (collection_id, rowid): keyset pages and descriptor streaming in id order.
        CREATE INDEX faces_on_collection ON faces(collection_id);
        CREATE INDEX faces_on_collection_label ON faces(collection_id, label);
        CREATE INDEX faces_on_collection_external_id ON faces(collection_id, external_id);
        CREATE INDEX faces_on_image ON faces(image_id);
        CREATE TRIGGER faces_match_collection BEFORE INSERT ON faces
        WHEN NEW.collection_id IS NOT (SELECT collection_id FROM images WHERE id = NEW.image_id)
            OR length(NEW.descriptor) IS NOT 4 * (SELECT dimension FROM collections WHERE id = NEW.collection_id)
        BEGIN
            SELECT RAISE(ABORT, 'a face must match its image''s collection and that collection''s dimension');
        END;
        """

    /// API keys: the secret is stored only as its hex SHA-256.
    private static let apiKeysTable = """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY CHECK (length(id) = 16 AND id NOT GLOB '*[^0-9a-f]*'),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            scope TEXT NOT NULL CHECK (scope IN ('search', 'write', 'admin')),
            secret_sha256 TEXT NOT NULL CHECK (length(secret_sha256) = 64),
            created_at DATETIME NOT NULL,
            revoked_at DATETIME
        );
        """
}
