"""Spiders: one per platform. They find post pages and fetch them; they never parse fields."""
