"""Mail: messages (`compose`), their texts (`texts`), the outbox and its delivery (`outbox`)
over SMTP (`smtp`) or as `.eml` files."""
