"""The model: typed, immutable, the single source of truth for every page, export and check.

The loader (`evalsite.content`) builds it from content and guarantees its integrity (ids unique,
references resolved, original-language texts present); everything downstream reads it and never
re-parses content. Cross-references are stored one way, as authors wrote them, and answered both
ways by the entities' methods. One module per kind of entity; every name is importable from here.
"""
from .base import DUE_SOON_DAYS, LANGS, Criterion, EvaluationKind, FollowUp, LinkType, PartialDate, Position, Shown, Status, Text, Years
from .data import Cell, Column, Event, Indicator, JudgementCriterion, Objective, Observation, Question, Result, Series, Table, Target, Timeline
from .evaluation import Evaluation, InterviewGroup, Programme, SourceDocument
from .findings import Finding, FindingKind, FindingLink, FindingLinkType, Rating, RecommendationRef, Scale, ScaleLevel, Theme, Vocabulary
from .identity import Identity
from .organisations import Organisation
from .recommendations import Action, Backlink, Group, Link, Recommendation, Response, Update
from .report import PARAGRAPH_REFERENCE, Block, Chapter, Directive, Duplicate, Heading, Paragraph, Prose, Report
from .site import Assignment, News, Responsibility, Site

__all__ = [
    'DUE_SOON_DAYS',
    'LANGS',
    'PARAGRAPH_REFERENCE',
    'Action',
    'Assignment',
    'Backlink',
    'Block',
    'Cell',
    'Chapter',
    'Column',
    'Criterion',
    'Directive',
    'Duplicate',
    'Evaluation',
    'EvaluationKind',
    'Event',
    'Finding',
    'FindingKind',
    'FindingLink',
    'FindingLinkType',
    'FollowUp',
    'Group',
    'Heading',
    'Identity',
    'Indicator',
    'InterviewGroup',
    'JudgementCriterion',
    'Link',
    'LinkType',
    'News',
    'Objective',
    'Observation',
    'Organisation',
    'Paragraph',
    'PartialDate',
    'Position',
    'Programme',
    'Prose',
    'Question',
    'Rating',
    'Recommendation',
    'RecommendationRef',
    'Report',
    'Response',
    'Responsibility',
    'Result',
    'Scale',
    'ScaleLevel',
    'Series',
    'Shown',
    'Site',
    'SourceDocument',
    'Status',
    'Table',
    'Target',
    'Text',
    'Theme',
    'Timeline',
    'Update',
    'Vocabulary',
    'Years',
]
