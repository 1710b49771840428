{#
    incremental_delete_unbacked_transactions(upstream): the post-hook of an
    incremental model keyed by transaction_id over `upstream` (delete+insert
    replaces the keys a run selects, and cannot remove a key that no longer
    has a row upstream): deletes the transactions none of whose upstream
    rows is left, once raw deleted them or the quarantine now rejects them.
    A full refresh has no such rows; nothing runs then.
#}
{% macro incremental_delete_unbacked_transactions(upstream) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as held
        where not exists (
            select 1
            from {{ upstream }} as backing
            where backing.transaction_id = held.transaction_id
        )
    {%- endif -%}
{%- endmacro %}
