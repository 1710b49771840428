-- Evaluation of the customer-day risk score on the held-out days. Reads
-- marts only.
select * from marts.fct_model_evaluation
